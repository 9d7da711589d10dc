#pragma once
// One piece of blocking work (hashing a 1.3 GB download, unpacking an archive) run on its own
// thread so that the GUI thread stays responsive; the result comes back as a signal on the
// owner's thread. The work polls a cancel flag; the destructor cancels and waits, so a job never
// outlives the object that started it.

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace childtune::app {

class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  // Returns an empty string on success, else a message for the user. Runs on the job's thread:
  // it must not touch QObjects of the GUI thread, and should poll `cancelled`.
  using Work = std::function<QString(const std::atomic<bool>& cancelled)>;

  explicit BackgroundJob(QObject* parent = nullptr);
  ~BackgroundJob() override;

  // REQUIRES: !running().
  void start(Work work);
  // Asks the work to stop; done() still follows (with whatever the work returned).
  void cancel();
  bool running() const { return thread_ != nullptr; }

 Q_SIGNALS:
  // On the thread that owns this object, once per start().
  void done(const QString& error);

 private:
  QThread* thread_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancelled_;
};

}  // namespace childtune::app
