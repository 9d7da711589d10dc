#pragma once
// The p_D "what-if" control: a slider and a spin box for the child-network fraction p_D, which
// emits pDChanged once the user pauses for kDebounceMs (so dragging re-thresholds at most about
// 30 times a second), and a label with the resulting counts, set by whoever re-thresholded.
// Thread: GUI thread only.

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QTimer;

namespace childtune::widgets {

class WhatIfControl : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kDebounceMs = 30;
  // p_D in [kMinPD, 1] in steps of 0.001 (the slider counts per mille).
  static constexpr double kMinPD = 0.001;

  explicit WhatIfControl(QWidget* parent = nullptr);
  ~WhatIfControl() override;

  // Sets the shown value without emitting pDChanged (e.g. from the run configuration).
  void setPD(double pD);
  double pD() const { return pD_; }
  // "Child network: 6.4 M of 21.3 M weights (30.0 %)"; total 0 clears the label.
  void setCounts(qint64 selected, qint64 total);
  QString countsText() const;

 Q_SIGNALS:
  // After the user changed p_D and paused for kDebounceMs; carries the last value.
  void pDChanged(double pD);

 private:
  void userChanged(double pD);

  QSlider* slider_ = nullptr;
  QDoubleSpinBox* spin_ = nullptr;
  QLabel* counts_ = nullptr;
  QTimer* debounce_ = nullptr;
  double pD_ = 0.3;
};

}  // namespace childtune::widgets
