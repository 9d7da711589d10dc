#pragma once
// A compact line of recent values (e.g. the training loss per step) with the latest value and
// the min / max printed beside it. For a few hundred points; no axes, no interaction.

#include <QString>
#include <QVector>
#include <QWidget>

namespace childtune::widgets {

class SparklineWidget : public QWidget {
  Q_OBJECT

 public:
  explicit SparklineWidget(QWidget* parent = nullptr);

  void setLabel(const QString& label);
  void setValues(QVector<double> values);
  void appendValue(double value);
  void clear();
  const QVector<double>& values() const { return values_; }
  // The text drawn at the right: "loss 0.6931 (min 0.41, max 0.72)".
  QString summaryText() const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QString label_;
  QVector<double> values_;
};

}  // namespace childtune::widgets
