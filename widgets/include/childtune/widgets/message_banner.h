#pragma once
// A non-blocking message area (like KDE's KMessageWidget): an icon, a word-wrapped selectable
// text tinted by severity, and a close button. Errors from the core are shown here instead of in
// modal dialogs, so the user keeps working.

#include <QFrame>
#include <QString>

class QLabel;
class QToolButton;

namespace childtune::widgets {

class MessageBanner : public QFrame {
  Q_OBJECT

 public:
  enum class Level { Info, Warning, Error };

  explicit MessageBanner(QWidget* parent = nullptr);

  // Shows the banner (replacing any earlier message).
  void showMessage(Level level, const QString& text);
  QString text() const;
  Level level() const { return level_; }

 public Q_SLOTS:
  void dismiss();

 Q_SIGNALS:
  void dismissed();

 protected:
  void changeEvent(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  QColor levelColor() const;
  void updateIcon();

  Level level_ = Level::Info;
  QLabel* icon_ = nullptr;
  QLabel* text_ = nullptr;
  QToolButton* close_ = nullptr;
};

}  // namespace childtune::widgets
