#pragma once
// One HTTP GET streamed into a file, resumable: when the file already holds N bytes, the request
// asks for "Range: bytes=N-" and appends (a server that answers 200 instead of 206 restarts the
// file). Redirects are followed by hand so that an Authorization header never leaves the host it
// was meant for. Errors name the URL and the HTTP status. Shared by the hub and GLUE downloaders.

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace childtune::app {

// Progress of a whole download job (several files), for the download dialog.
struct TransferProgress {
  qint64 bytesDone = 0;         // bytes of the job present on disk (resumed and skipped included)
  qint64 bytesTotal = -1;       // -1 while unknown
  qint64 bytesThisSession = 0;  // received over the network since the job started: speed basis
  QString item;                 // the file being worked on, e.g. "model.safetensors"
  int itemIndex = 0;            // 1-based
  int itemCount = 0;
  QString phase;  // translated: "Downloading", "Verifying", "Unpacking", …
};

// "HTTP 404 (Not Found) from https://…" plus the server's own explanation when it sent one
// (the hub's X-Error-Message header, or a short plain-text body).
QString describeHttpFailure(const QUrl& url, int status, const QByteArray& reason,
                            const QByteArray& serverMessage = {});

// The User-Agent of every ChildTune download.
QByteArray userAgent();

class HttpFileTransfer : public QObject {
  Q_OBJECT

 public:
  struct Request {
    QUrl url;
    QString partPath;          // the bytes go here; an existing file is resumed
    qint64 expectedSize = -1;  // when known: the finished file must have exactly this size
    QList<QPair<QByteArray, QByteArray>> headers;  // sent on every hop
    // Sent as "Authorization" only to this host (the hub), never to a CDN a redirect leads to.
    QByteArray authorization;
    QString authorizationHost;
  };

  explicit HttpFileTransfer(QNetworkAccessManager* network, QObject* parent = nullptr);
  ~HttpFileTransfer() override;

  // REQUIRES: no transfer running. Results come as signals, never from within start().
  void start(Request request);
  // Stops the transfer, keeps the partial file for a later resume; no signal follows.
  void abort();
  bool running() const { return reply_ != nullptr; }

 Q_SIGNALS:
  // `bytesInFile` counts the resumed prefix; `newBytes` only what arrived since the last signal;
  // `fileSize` is the whole file's size (expectedSize, else the server's), -1 when unknown.
  void progress(qint64 bytesInFile, qint64 newBytes, qint64 fileSize);
  void finished();
  // `httpStatus` is 0 for network errors (no answer, connection reset, timeout).
  void failed(const QString& message, int httpStatus);

 private:
  void sendRequest();
  void onMetaData();
  void onReadyRead();
  void onFinished();
  void fail(const QString& message, int status);
  QNetworkReply* takeReply();  // the reply in flight (or nullptr); reply_ is cleared

  QNetworkAccessManager* network_;
  Request request_;
  QUrl currentUrl_;
  int redirects_ = 0;
  bool restartedWithoutRange_ = false;
  QFile file_;
  QPointer<QNetworkReply> reply_;
  bool writeBody_ = false;
  qint64 fileSize_ = -1;
  QByteArray errorBody_;  // first bytes of an error response, for the message
};

}  // namespace childtune::app
