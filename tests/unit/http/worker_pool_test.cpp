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
  WorkerPool pool(4);
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  for (int i = 0; i < 4; ++i) {
    pool.Post(Task([&] {
      int now = ++running;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(100ms);
      --running;
    }));
  }
  pool.Join();
  EXPECT_EQ(peak.load(), 4);
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
