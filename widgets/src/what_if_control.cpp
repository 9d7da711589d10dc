#include "childtune/widgets/what_if_control.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

constexpr int kSliderScale = 1000;  // slider value = p_D * 1000

}  // namespace

WhatIfControl::WhatIfControl(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("whatIfControl"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  auto* label = new QLabel(tr("What if p<sub>D</sub> ="), this);
  label->setTextFormat(Qt::RichText);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setObjectName(QStringLiteral("pDSlider"));
  slider_->setAccessibleName(tr("Child network fraction p_D"));
  slider_->setToolTip(
      tr("Re-threshold the cached Fisher scores: the share of weights in the child network."));
  slider_->setRange(static_cast<int>(kMinPD * kSliderScale), kSliderScale);
  slider_->setPageStep(50);
  spin_ = new QDoubleSpinBox(this);
  spin_->setObjectName(QStringLiteral("pDSpinBox"));
  spin_->setAccessibleName(tr("Child network fraction p_D"));
  spin_->setRange(kMinPD, 1.0);
  spin_->setDecimals(3);
  spin_->setSingleStep(0.01);
  spin_->setToolTip(slider_->toolTip());
  label->setBuddy(spin_);
  row->addWidget(label);
  row->addWidget(slider_, 1);
  row->addWidget(spin_);
  layout->addLayout(row);
  counts_ = new QLabel(this);
  counts_->setObjectName(QStringLiteral("pDCounts"));
  layout->addWidget(counts_);

  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(kDebounceMs);
  connect(debounce_, &QTimer::timeout, this, [this] { Q_EMIT pDChanged(pD_); });
  connect(slider_, &QSlider::valueChanged, this,
          [this](int value) { userChanged(static_cast<double>(value) / kSliderScale); });
  connect(spin_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
          [this](double value) { userChanged(value); });
  setPD(pD_);
  setCounts(0, 0);
}

WhatIfControl::~WhatIfControl() = default;

void WhatIfControl::setPD(double pD) {
  pD_ = std::clamp(pD, kMinPD, 1.0);
  const QSignalBlocker sliderBlocker(slider_);
  const QSignalBlocker spinBlocker(spin_);
  slider_->setValue(static_cast<int>(std::lround(pD_ * kSliderScale)));
  spin_->setValue(pD_);
  debounce_->stop();
}

void WhatIfControl::userChanged(double pD) {
  pD_ = std::clamp(pD, kMinPD, 1.0);
  // Mirror into the other control without feeding back.
  const QSignalBlocker sliderBlocker(slider_);
  const QSignalBlocker spinBlocker(spin_);
  slider_->setValue(static_cast<int>(std::lround(pD_ * kSliderScale)));
  spin_->setValue(pD_);
  debounce_->start();
}

void WhatIfControl::setCounts(qint64 selected, qint64 total) {
  if (total <= 0) {
    counts_->setText(tr("Child network: not estimated yet"));
    return;
  }
  const double fraction = static_cast<double>(selected) / static_cast<double>(total);
  counts_->setText(tr("Child network: %1 of %2 weights (%3 %)")
                       .arg(compactCount(selected), compactCount(total),
                            QLocale().toString(fraction * 100.0, 'f', 1)));
}

QString WhatIfControl::countsText() const { return counts_->text(); }

}  // namespace childtune::widgets
