#include "http_transfer.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <utility>

namespace childtune::app {
namespace {

constexpr int kMaxRedirects = 10;
constexpr int kTransferTimeoutMs = 60'000;  // no byte for a minute: give up (resumable)
constexpr qsizetype kErrorBodyLimit = 2048;

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

QByteArray userAgent() {
  return "childtune/" + QCoreApplication::applicationVersion().toUtf8() + " (Qt " + qVersion() +
         ")";
}

QString describeHttpFailure(const QUrl& url, int status, const QByteArray& reason,
                            const QByteArray& serverMessage) {
  QString text =
      QCoreApplication::translate("childtune::app::HttpFileTransfer", "HTTP %1%2 from %3")
          .arg(status)
          .arg(reason.isEmpty() ? QString()
                                : QStringLiteral(" (%1)").arg(QString::fromUtf8(reason)))
          .arg(url.toDisplayString(QUrl::RemoveUserInfo));
  QString message = QString::fromUtf8(serverMessage).simplified();
  // Only short plain messages help; an HTML error page does not.
  if (!message.isEmpty() && !message.startsWith(QLatin1Char('<')) && message.size() <= 300) {
    text += QStringLiteral(": ") + message;
  }
  return text;
}

HttpFileTransfer::HttpFileTransfer(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent), network_(network) {}

HttpFileTransfer::~HttpFileTransfer() { abort(); }

void HttpFileTransfer::start(Request request) {
  Q_ASSERT(reply_ == nullptr);
  request_ = std::move(request);
  currentUrl_ = request_.url;
  redirects_ = 0;
  restartedWithoutRange_ = false;
  file_.setFileName(request_.partPath);
  if (!file_.open(QIODevice::ReadWrite)) {
    const QString message = tr("Cannot write %1: %2").arg(request_.partPath, file_.errorString());
    QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message, 0); });
    return;
  }
  if (request_.expectedSize >= 0 && file_.size() > request_.expectedSize) {
    file_.resize(0);  // longer than the file can be: not a prefix of it
  }
  if (request_.expectedSize >= 0 && file_.size() == request_.expectedSize) {
    // Complete from an earlier run (it was interrupted after the last byte).
    file_.close();
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
    return;
  }
  sendRequest();
}

void HttpFileTransfer::sendRequest() {
  file_.seek(file_.size());
  QNetworkRequest request(currentUrl_);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::ManualRedirectPolicy);
  request.setTransferTimeout(kTransferTimeoutMs);
  request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
  // Identity: Range offsets and sizes refer to the stored bytes, and Qt must not inflate them.
  request.setRawHeader("Accept-Encoding", "identity");
  for (const auto& [name, value] : request_.headers) {
    request.setRawHeader(name, value);
  }
  if (!request_.authorization.isEmpty() && currentUrl_.host() == request_.authorizationHost) {
    request.setRawHeader("Authorization", request_.authorization);
  }
  if (file_.size() > 0) {
    request.setRawHeader("Range", "bytes=" + QByteArray::number(file_.size()) + "-");
  }
  writeBody_ = false;
  errorBody_.clear();
  QNetworkReply* reply = network_->get(request);
  reply_ = reply;
  reply->setReadBufferSize(qint64{4} << 20);
  connect(reply, &QNetworkReply::metaDataChanged, this, &HttpFileTransfer::onMetaData);
  connect(reply, &QNetworkReply::readyRead, this, &HttpFileTransfer::onReadyRead);
  connect(reply, &QNetworkReply::finished, this, &HttpFileTransfer::onFinished);
}

void HttpFileTransfer::onMetaData() {
  QNetworkReply* reply = reply_.data();
  if (reply == nullptr) {
    return;
  }
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  fileSize_ = request_.expectedSize;
  if (status == 200) {
    if (fileSize_ < 0) {
      fileSize_ = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
      fileSize_ = fileSize_ > 0 ? fileSize_ : -1;
    }
    if (file_.size() > 0) {
      // The server ignored the Range request: start the file over.
      file_.resize(0);
      file_.seek(0);
    }
    writeBody_ = true;
  } else if (status == 206) {
    // "Content-Range: bytes <first>-<last>/<total>": it must continue exactly where we are.
    const QByteArray range = reply->rawHeader("Content-Range");
    const qsizetype space = range.indexOf(' ');
    const qsizetype dash = range.indexOf('-');
    bool ok = false;
    const qint64 first = range.mid(space + 1, dash - space - 1).toLongLong(&ok);
    if (!ok || first != file_.size()) {
      file_.resize(0);
      file_.seek(0);
      writeBody_ = false;
      fail(tr("%1 answered a resume request with the wrong range (%2); the partial file was "
              "deleted, try again")
               .arg(currentUrl_.toDisplayString(QUrl::RemoveUserInfo), QString::fromLatin1(range)),
           status);
      return;
    }
    if (fileSize_ < 0) {
      bool totalOk = false;
      const qint64 total = range.mid(range.indexOf('/') + 1).toLongLong(&totalOk);
      fileSize_ = totalOk ? total : -1;
    }
    writeBody_ = true;
  } else {
    writeBody_ = false;
  }
}

void HttpFileTransfer::onReadyRead() {
  QNetworkReply* reply = reply_.data();
  if (reply == nullptr) {
    return;
  }
  const QByteArray chunk = reply->readAll();
  if (!writeBody_) {
    if (errorBody_.size() < kErrorBodyLimit) {
      errorBody_ += chunk.left(kErrorBodyLimit - errorBody_.size());
    }
    return;
  }
  if (request_.expectedSize >= 0 && file_.size() + chunk.size() > request_.expectedSize) {
    fail(tr("%1 sent more than the expected %2 bytes")
             .arg(currentUrl_.toDisplayString(QUrl::RemoveUserInfo))
             .arg(request_.expectedSize),
         0);
    return;
  }
  if (file_.write(chunk) != chunk.size()) {
    fail(tr("Cannot write %1: %2").arg(request_.partPath, file_.errorString()), 0);
    return;
  }
  Q_EMIT progress(file_.size(), chunk.size(), fileSize_);
}

void HttpFileTransfer::onFinished() {
  if (reply_ == nullptr) {
    return;
  }
  onReadyRead();
  if (reply_ == nullptr) {
    return;  // onReadyRead failed
  }
  QNetworkReply* reply = takeReply();
  if (reply == nullptr) {
    return;
  }
  reply->deleteLater();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

  if (isRedirect(status)) {
    const QUrl target =
        currentUrl_.resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
    if (!target.isValid() || target.isEmpty() || ++redirects_ > kMaxRedirects ||
        (target.scheme() != QLatin1String("https") && target.scheme() != QLatin1String("http"))) {
      fail(tr("Too many or invalid redirects from %1")
               .arg(request_.url.toDisplayString(QUrl::RemoveUserInfo)),
           status);
      return;
    }
    currentUrl_ = target;
    sendRequest();
    return;
  }
  if (status == 416 && file_.size() > 0 && !restartedWithoutRange_) {
    // The partial file does not fit the server's file (changed upstream): start over once.
    restartedWithoutRange_ = true;
    file_.resize(0);
    sendRequest();
    return;
  }
  if (reply->error() != QNetworkReply::NoError && (status < 400 || status == 0)) {
    fail(tr("Download of %1 failed: %2 (%3 bytes kept for resuming)")
             .arg(currentUrl_.toDisplayString(QUrl::RemoveUserInfo), reply->errorString())
             .arg(file_.size()),
         status);
    return;
  }
  if (status != 200 && status != 206) {
    QByteArray message = reply->rawHeader("X-Error-Message");
    if (message.isEmpty()) {
      message = errorBody_;
    }
    fail(describeHttpFailure(
             currentUrl_, status,
             reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), message),
         status);
    return;
  }
  if (!file_.flush()) {
    fail(tr("Cannot write %1: %2").arg(request_.partPath, file_.errorString()), 0);
    return;
  }
  const qint64 size = file_.size();
  file_.close();
  if (request_.expectedSize >= 0 && size != request_.expectedSize) {
    fail(tr("%1 ended after %2 of %3 bytes (kept for resuming)")
             .arg(currentUrl_.toDisplayString(QUrl::RemoveUserInfo))
             .arg(size)
             .arg(request_.expectedSize),
         status);
    return;
  }
  Q_EMIT finished();
}

QNetworkReply* HttpFileTransfer::takeReply() {
  QNetworkReply* reply = reply_.data();
  reply_.clear();
  return reply;
}

void HttpFileTransfer::fail(const QString& message, int status) {
  if (QNetworkReply* reply = takeReply()) {
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
  }
  file_.close();
  Q_EMIT failed(message, status);
}

void HttpFileTransfer::abort() {
  if (QNetworkReply* reply = takeReply()) {
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
  }
  file_.close();
}

}  // namespace childtune::app
