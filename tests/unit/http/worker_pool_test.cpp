#include "http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

namespace http {
namespace {

using namespace std::chrono_literals;

TEST(WorkerPool, RunsEveryTaskBeforeJoinReturns) {
  std::atomic<int> done{0};
  WorkerPool pool(3);
  for (int i = 0; i < 10000; ++i) pool.Post(Task([&] { ++done; }));
  pool.Join();
  EXPECT_EQ(done.load(), 10000);
}

TEST(WorkerPool, RunsTasksInParallel) {
  // Each task waits until all four run at once: a pool that ran them one by one would leave
  // the first waiting out its deadline. No sleep decides the outcome, so a loaded machine
  // that starts threads late only makes the test slower.
  WorkerPool pool(4);
  std::atomic<int> running{0};
  std::atomic<int> saw_all{0};
  for (int i = 0; i < 4; ++i) {
    pool.Post(Task([&] {
      ++running;
      auto until = std::chrono::steady_clock::now() + 10s;
      while (running.load() < 4 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(1ms);
      }
      if (running.load() == 4) ++saw_all;
    }));
  }
  pool.Join();
  EXPECT_EQ(saw_all.load(), 4);
}

TEST(WorkerPool, WakesSleepingWorkersAfterIdle) {
  WorkerPool pool(2);
  std::this_thread::sleep_for(20ms);  // every worker is asleep now
  std::atomic<int> done{0};
  for (int round = 0; round < 50; ++round) {
    pool.Post(Task([&] { ++done; }));
    auto until = std::chrono::steady_clock::now() + 2s;
    while (done.load() <= round && std::chrono::steady_clock::now() < until) {
      std::this_thread::yield();
    }
    ASSERT_EQ(done.load(), round + 1);
    if (round % 10 == 0) std::this_thread::sleep_for(2ms);
  }
}

TEST(WorkerPool, TaskAcceptsMoveOnlyCallables) {
  auto value = std::make_unique<int>(7);
  int seen = 0;
  Task task([value = std::move(value), &seen] { seen = *value; });
  ASSERT_TRUE(task);
  task();
  EXPECT_EQ(seen, 7);
  EXPECT_FALSE(Task());
}

}  // namespace
}  // namespace http
