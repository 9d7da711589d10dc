#include "childtune/widgets/message_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

MessageBanner::MessageBanner(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("messageBanner"));
  setAccessibleName(tr("Message"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 6, 6, 6);
  icon_ = new QLabel(this);
  icon_->setAlignment(Qt::AlignTop);
  layout->addWidget(icon_, 0, Qt::AlignTop);
  text_ = new QLabel(this);
  text_->setObjectName(QStringLiteral("messageText"));
  text_->setWordWrap(true);
  text_->setTextFormat(Qt::PlainText);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(text_, 1);
  close_ = new QToolButton(this);
  close_->setObjectName(QStringLiteral("messageClose"));
  close_->setAutoRaise(true);
  close_->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
  close_->setToolTip(tr("Dismiss"));
  close_->setAccessibleName(tr("Dismiss message"));
  layout->addWidget(close_, 0, Qt::AlignTop);
  connect(close_, &QToolButton::clicked, this, &MessageBanner::dismiss);
  hide();
}

void MessageBanner::showMessage(Level level, const QString& text) {
  level_ = level;
  text_->setText(text);
  setAccessibleDescription(text);
  updateIcon();
  show();
  update();
}

QString MessageBanner::text() const { return text_->text(); }

void MessageBanner::dismiss() {
  if (!isHidden()) {
    hide();
    Q_EMIT dismissed();
  }
}

QColor MessageBanner::levelColor() const {
  switch (level_) {
    case Level::Info:
      return palette().color(QPalette::Highlight);
    case Level::Warning:
      return {0xe0, 0x8a, 0x1e};
    case Level::Error:
      return {0xd6, 0x27, 0x28};
  }
  return palette().color(QPalette::Highlight);
}

void MessageBanner::updateIcon() {
  QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
  if (level_ == Level::Warning) {
    pixmap = QStyle::SP_MessageBoxWarning;
  } else if (level_ == Level::Error) {
    pixmap = QStyle::SP_MessageBoxCritical;
  }
  const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
  icon_->setPixmap(style()->standardIcon(pixmap).pixmap(QSize(size, size), devicePixelRatioF()));
}

void MessageBanner::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing, true);
  const QColor accent = levelColor();
  const QColor window = palette().color(QPalette::Window);
  painter.setPen(QPen(accent, 1));
  painter.setBrush(blend(window, accent, isDark(palette()) ? 0.3 : 0.15));
  painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

void MessageBanner::changeEvent(QEvent* event) {
  QFrame::changeEvent(event);
  if (event->type() == QEvent::StyleChange) {
    updateIcon();
  }
}

}  // namespace childtune::widgets
