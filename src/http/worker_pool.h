// Thread-safe pool running blocking handlers off the io threads. An idle worker spins
// briefly before sleeping and Post() wakes a sleeper only if no worker is spinning, so
// under load tasks flow without a futex wake per request.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace http {

// A move-only void() callable (std::function needs copyable targets; asio handlers are not).
class Task {
 public:
  Task() = default;
  template <typename F>
  explicit Task(F&& f) : impl_(std::make_unique<Impl<std::decay_t<F>>>(std::forward<F>(f))) {}
  explicit operator bool() const { return impl_ != nullptr; }
  void operator()() { impl_->Call(); }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void Call() = 0;
  };
  template <typename F>
  struct Impl final : Base {
    explicit Impl(F&& f) : fn(std::move(f)) {}
    explicit Impl(const F& f) : fn(f) {}
    void Call() override { fn(); }
    F fn;
  };
  std::unique_ptr<Base> impl_;
};

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();  // Join()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `task` on some worker. Tasks posted after Join() began are dropped.
  void Post(Task task);
  // Runs every queued task, then stops and joins the workers. Idempotent.
  void Join();

 private:
  void Work();
  bool SpinForWork();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> queue_;         // guarded by mutex_
  int sleeping_ = 0;               // guarded by mutex_
  int spinning_ = 0;               // guarded by mutex_
  bool stopping_ = false;          // guarded by mutex_
  std::atomic<size_t> queued_{0};  // mirrors queue_.size() for lock-free peeking
  std::vector<std::thread> threads_;
  std::mutex join_mutex_;
};

}  // namespace http
