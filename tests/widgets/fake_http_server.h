#pragma once
// A tiny HTTP/1.1 server on a local port for download tests (no internet): one request per
// connection ("Connection: close"), a handler decides each response. It can serve byte ranges
// (206 / 416) and cut a body short to simulate a dropped connection. Runs on the test's event
// loop; header-only and without Q_OBJECT so each test binary can include it.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <functional>
#include <memory>
#include <stdexcept>

namespace childtune::test {

struct HttpRequest {
  QByteArray method;                     // "GET", "HEAD"
  QByteArray path;                       // percent-encoded, with the query
  QMap<QByteArray, QByteArray> headers;  // names in lower case
  QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

struct HttpResponse {
  int status = 200;
  QList<QPair<QByteArray, QByteArray>> headers;
  QByteArray body;
  bool rangeable = false;  // answer "Range: bytes=N-" with 206 (or 416 beyond the end)
  qint64 cutAfter = -1;    // send only this many body bytes, then close (Content-Length stays)

  void addHeader(const QByteArray& name, const QByteArray& value) {
    headers.append(QPair<QByteArray, QByteArray>(name, value));
  }

  static HttpResponse text(int status, const QByteArray& body) {
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.addHeader("Content-Type", "text/plain");
    return r;
  }
};

class FakeHttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  explicit FakeHttpServer(Handler handler) : handler_(std::move(handler)) {
    if (!server_.listen(QHostAddress::Any, 0)) {
      throw std::runtime_error("cannot listen on a local port");
    }
    QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] { accept(); });
  }

  // http://127.0.0.1:<port><path>
  QUrl url(const QString& path = {}) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_.serverPort()).arg(path));
  }
  // The same server under another host name ("localhost"), e.g. to play a CDN.
  QUrl otherHostUrl(const QString& path = {}) const {
    return QUrl(QStringLiteral("http://localhost:%1%2").arg(server_.serverPort()).arg(path));
  }
  const QList<HttpRequest>& requests() const { return requests_; }
  void clearRequests() { requests_.clear(); }

 private:
  static QByteArray reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 206:
        return "Partial Content";
      case 302:
        return "Found";
      case 307:
        return "Temporary Redirect";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 416:
        return "Range Not Satisfiable";
      default:
        return "Status";
    }
  }

  void accept() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
      auto buffer = std::make_shared<QByteArray>();
      QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0) {
          return;
        }
        respond(socket, parse(buffer->left(end)));
        buffer->clear();
      });
    }
  }

  static HttpRequest parse(const QByteArray& head) {
    HttpRequest request;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const qsizetype colon = lines[i].indexOf(':');
      if (colon > 0) {
        request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                               lines[i].mid(colon + 1).trimmed());
      }
    }
    return request;
  }

  void respond(QTcpSocket* socket, const HttpRequest& request) {
    requests_.append(request);
    HttpResponse response = handler_(request);
    QByteArray body = response.body;
    const QByteArray range = request.header("range");
    if (response.rangeable && response.status == 200 && range.startsWith("bytes=")) {
      const qint64 from = range.mid(6, range.indexOf('-') - 6).toLongLong();
      if (from >= body.size()) {
        response.status = 416;
        response.addHeader("Content-Range", "bytes */" + QByteArray::number(body.size()));
        body.clear();
      } else {
        response.status = 206;
        response.addHeader("Content-Range", "bytes " + QByteArray::number(from) + "-" +
                                                QByteArray::number(body.size() - 1) + "/" +
                                                QByteArray::number(body.size()));
        body = body.mid(from);
      }
    }
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + " " + reason(response.status) + "\r\n";
    bool hasLength = false;
    for (const auto& [name, value] : response.headers) {
      out += name + ": " + value + "\r\n";
      hasLength = hasLength || name.toLower() == "content-length";
    }
    if (!hasLength) {
      out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "Connection: close\r\n\r\n";
    if (request.method != "HEAD") {
      out += response.cutAfter >= 0 ? body.left(response.cutAfter) : body;
    }
    socket->write(out);
    socket->disconnectFromHost();  // after the bytes are written
  }

  Handler handler_;
  QTcpServer server_;
  QList<HttpRequest> requests_;
};

}  // namespace childtune::test
