#include "http/worker_pool.h"

#include <sched.h>

#include <chrono>

namespace http {
namespace {

// How long an idle worker keeps looking before it sleeps: long enough to bridge the gap
// between requests under load, short enough to cost little CPU when idle.
constexpr std::chrono::microseconds kSpinTime{50};

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace

WorkerPool::WorkerPool(int threads) {
  threads_.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() { Join(); }

void WorkerPool::Post(Task task) {
  bool wake;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queue_.push_back(std::move(task));
    queued_.fetch_add(1, std::memory_order_relaxed);
    wake = spinning_ == 0 && sleeping_ > 0;
  }
  if (wake) wake_.notify_one();
}

bool WorkerPool::SpinForWork() {
  auto until = std::chrono::steady_clock::now() + kSpinTime;
  for (int i = 0;; ++i) {
    if (queued_.load(std::memory_order_relaxed) > 0) return true;
    if ((i & 63) == 63) {
      if (std::chrono::steady_clock::now() > until) return false;
      sched_yield();  // on few cores, let the io thread that will post run
    }
    CpuRelax();
  }
}

void WorkerPool::Work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (queue_.empty() && !stopping_) {
      ++spinning_;
      lock.unlock();
      SpinForWork();
      lock.lock();
      --spinning_;
      while (queue_.empty() && !stopping_) {
        ++sleeping_;
        wake_.wait(lock);
        --sleeping_;
      }
    }
    if (queue_.empty()) return;  // stopping and drained
    Task task = std::move(queue_.front());
    queue_.pop_front();
    queued_.fetch_sub(1, std::memory_order_relaxed);
    // More work than this worker can take: make sure someone else looks at it.
    bool wake_another = !queue_.empty() && spinning_ == 0 && sleeping_ > 0;
    lock.unlock();
    if (wake_another) wake_.notify_one();
    task();
    task = Task();  // destroy captured state outside the lock
    lock.lock();
  }
}

void WorkerPool::Join() {
  std::lock_guard join_lock(join_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace http
