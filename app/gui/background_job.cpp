#include "background_job.h"

#include <QThread>
#include <exception>
#include <utility>

namespace childtune::app {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob() {
  if (thread_ != nullptr) {
    cancelled_->store(true);
    thread_->wait();
    delete thread_;
  }
}

void BackgroundJob::start(Work work) {
  Q_ASSERT(thread_ == nullptr);
  cancelled_ = std::make_shared<std::atomic<bool>>(false);
  // The result is written by the job's thread before it finishes and read by this thread after
  // QThread::finished, which orders the two.
  auto result = std::make_shared<QString>();
  thread_ = QThread::create([work = std::move(work), flag = cancelled_, result] {
    try {
      *result = work(*flag);
    } catch (const std::exception& e) {
      *result = QString::fromStdString(e.what());
    }
  });
  connect(thread_, &QThread::finished, this, [this, result] {
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
    Q_EMIT done(*result);
  });
  thread_->start();
}

void BackgroundJob::cancel() {
  if (cancelled_) {
    cancelled_->store(true);
  }
}

}  // namespace childtune::app
