#include "childtune/widgets/run_config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "childtune/error.h"
#include "childtune/tasks.h"
#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

constexpr int kSliderSteps = 1000;  // p slider resolution: 0.001

// Learning rates span decades: shown as "2e-05", stepped by one unit of the leading digit
// (1e-5 → 2e-5 → … → 9e-5 → 1e-4).
class LearningRateSpinBox final : public QDoubleSpinBox {
 public:
  explicit LearningRateSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    setDecimals(12);
    setRange(1e-9, 0.99);
  }
  QString textFromValue(double value) const override { return QLocale().toString(value, 'g', 4); }
  double valueFromText(const QString& text) const override {
    return QLocale().toDouble(text.trimmed());
  }
  QValidator::State validate(QString& text, int& pos) const override {
    (void)pos;
    bool ok = false;
    const double v = QLocale().toDouble(text.trimmed(), &ok);
    if (ok && v >= minimum() && v <= maximum()) {
      return QValidator::Acceptable;
    }
    return QValidator::Intermediate;
  }
  void stepBy(int steps) override {
    double v = value();
    for (int i = 0; i < std::abs(steps); ++i) {
      double unit = std::pow(10.0, std::floor(std::log10(v) + 1e-9));
      if (steps < 0 && std::abs(v - unit) < unit * 1e-6) {
        unit /= 10.0;  // 1e-4 steps down to 9e-5, not 0
      }
      v = steps > 0 ? v + unit : v - unit;
    }
    setValue(std::round(v / 1e-12) * 1e-12);
  }
};

QString methodLabel(core::Method method) {
  switch (method) {
    case core::Method::Vanilla:
      return RunConfigForm::tr("Vanilla fine-tuning");
    case core::Method::ChildTuningF:
      return RunConfigForm::tr("Child-Tuning_F (task-free)");
    case core::Method::ChildTuningD:
      return RunConfigForm::tr("Child-Tuning_D (task-driven)");
    case core::Method::ChildTuningDRandom:
      return RunConfigForm::tr("Ablation: random child network");
    case core::Method::ChildTuningDLowest:
      return RunConfigForm::tr("Ablation: lowest-Fisher child network");
  }
  return {};
}

constexpr core::Method kMethods[] = {core::Method::Vanilla, core::Method::ChildTuningF,
                                     core::Method::ChildTuningD, core::Method::ChildTuningDRandom,
                                     core::Method::ChildTuningDLowest};

}  // namespace

RunConfigForm::RunConfigForm(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("runConfigForm"));
  buildUi();
  retranslate();
  setConfig(core::RunConfig{});
}

void RunConfigForm::buildUi() {
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  const auto addRow = [this, form](QWidget* field) {
    auto* label = new QLabel(this);
    label->setBuddy(field);
    labels_ << label;
    form->addRow(label, field);
  };

  method_ = new QComboBox(this);
  method_->setObjectName(QStringLiteral("methodCombo"));
  for (const core::Method m : kMethods) {
    method_->addItem(QString(), static_cast<int>(m));
  }
  addRow(method_);

  auto* pRow = new QWidget(this);
  auto* pLayout = new QHBoxLayout(pRow);
  pLayout->setContentsMargins(0, 0, 0, 0);
  pSlider_ = new QSlider(Qt::Horizontal, pRow);
  pSlider_->setObjectName(QStringLiteral("pSlider"));
  pSlider_->setRange(1, kSliderSteps);
  pSpin_ = new QDoubleSpinBox(pRow);
  pSpin_->setObjectName(QStringLiteral("pSpin"));
  pSpin_->setRange(0.001, 1.0);
  pSpin_->setDecimals(3);
  pSpin_->setSingleStep(0.05);
  presetButton_ = new QPushButton(pRow);
  presetButton_->setObjectName(QStringLiteral("pPresetButton"));
  pLayout->addWidget(pSlider_, 1);
  pLayout->addWidget(pSpin_);
  pLayout->addWidget(presetButton_);
  addRow(pRow);
  pLabel_ = labels_.last();
  pLabel_->setBuddy(pSpin_);

  lr_ = new LearningRateSpinBox(this);
  lr_->setObjectName(QStringLiteral("learningRateSpin"));
  addRow(lr_);
  epochs_ = new QSpinBox(this);
  epochs_->setObjectName(QStringLiteral("epochsSpin"));
  epochs_->setRange(1, 1000);
  addRow(epochs_);
  batch_ = new QSpinBox(this);
  batch_->setObjectName(QStringLiteral("batchSizeSpin"));
  batch_->setRange(1, 4096);
  addRow(batch_);
  maxLength_ = new QSpinBox(this);
  maxLength_->setObjectName(QStringLiteral("maxLengthSpin"));
  maxLength_->setRange(4, 8192);
  addRow(maxLength_);
  warmup_ = new QDoubleSpinBox(this);
  warmup_->setObjectName(QStringLiteral("warmupSpin"));
  warmup_->setRange(0.0, 1.0);
  warmup_->setDecimals(3);
  warmup_->setSingleStep(0.05);
  addRow(warmup_);
  weightDecay_ = new QDoubleSpinBox(this);
  weightDecay_->setObjectName(QStringLiteral("weightDecaySpin"));
  weightDecay_->setRange(0.0, 0.999);
  weightDecay_->setDecimals(4);
  weightDecay_->setSingleStep(0.01);
  addRow(weightDecay_);

  auto* seedRow = new QWidget(this);
  auto* seedLayout = new QHBoxLayout(seedRow);
  seedLayout->setContentsMargins(0, 0, 0, 0);
  seed_ = new QSpinBox(seedRow);
  seed_->setObjectName(QStringLiteral("seedSpin"));
  seed_->setRange(0, 1 << 30);
  seeds_ = new QSpinBox(seedRow);
  seeds_->setObjectName(QStringLiteral("seedCountSpin"));
  seeds_->setRange(1, 100);
  seedLayout->addWidget(seed_, 1);
  seedLayout->addWidget(seeds_);
  addRow(seedRow);
  labels_.last()->setBuddy(seed_);

  auto* subsetRow = new QWidget(this);
  auto* subsetLayout = new QHBoxLayout(subsetRow);
  subsetLayout->setContentsMargins(0, 0, 0, 0);
  trainLimit_ = new QSpinBox(subsetRow);
  trainLimit_->setObjectName(QStringLiteral("trainLimitSpin"));
  trainLimit_->setRange(0, 100000000);
  trainLimit_->setSingleStep(100);
  randomSubset_ = new QCheckBox(subsetRow);
  randomSubset_->setObjectName(QStringLiteral("randomSubsetCheck"));
  subsetLayout->addWidget(trainLimit_, 1);
  subsetLayout->addWidget(randomSubset_);
  addRow(subsetRow);
  labels_.last()->setBuddy(trainLimit_);

  device_ = new QComboBox(this);
  device_->setObjectName(QStringLiteral("deviceCombo"));
  device_->addItem(QStringLiteral("cpu"), QStringLiteral("cpu"));
  addRow(device_);

  validationLabel_ = new QLabel(this);
  validationLabel_->setObjectName(QStringLiteral("validationLabel"));
  validationLabel_->setWordWrap(true);
  validationLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  validationLabel_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(form);
  layout->addWidget(validationLabel_);

  connect(method_, &QComboBox::currentIndexChanged, this, [this] { onMethodChanged(); });
  connect(pSpin_, &QDoubleSpinBox::valueChanged, this, [this](double v) { onPChanged(v); });
  connect(pSlider_, &QSlider::valueChanged, this, [this](int v) {
    if (!updating_) {
      pSpin_->setValue(static_cast<double>(v) / kSliderSteps);
    }
  });
  connect(presetButton_, &QPushButton::clicked, this, [this] { applyAuthorPreset(); });
  for (QDoubleSpinBox* spin : {lr_, warmup_, weightDecay_}) {
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this] { revalidate(); });
  }
  for (QSpinBox* spin : {epochs_, batch_, maxLength_, seed_, seeds_, trainLimit_}) {
    connect(spin, &QSpinBox::valueChanged, this, [this] { revalidate(); });
  }
  connect(trainLimit_, &QSpinBox::valueChanged, this,
          [this](int v) { randomSubset_->setEnabled(v > 0); });
  connect(randomSubset_, &QCheckBox::toggled, this, [this] { revalidate(); });
  connect(device_, &QComboBox::currentIndexChanged, this, [this] { revalidate(); });
}

void RunConfigForm::retranslate() {
  const QStringList names = {tr("&Method:"),          tr("Reserve &p:"),    tr("&Learning rate:"),
                             tr("&Epochs:"),          tr("&Batch size:"),   tr("Max &length:"),
                             tr("&Warmup:"),          tr("Weight &decay:"), tr("&Seed:"),
                             tr("Training &subset:"), tr("De&vice:")};
  for (int i = 0; i < labels_.size() && i < names.size(); ++i) {
    labels_[i]->setText(names[i]);
  }
  for (int i = 0; i < method_->count(); ++i) {
    method_->setItemText(i, methodLabel(static_cast<core::Method>(method_->itemData(i).toInt())));
  }
  method_->setToolTip(
      tr("Vanilla updates every weight; Child-Tuning updates only a child network of them."));
  method_->setAccessibleName(tr("Method"));
  pSpin_->setToolTip(
      tr("Fraction of the weights in the child network: p_F for Child-Tuning_F "
         "(kept per step at random), p_D for Child-Tuning_D (highest Fisher)."));
  pSpin_->setAccessibleName(tr("Reserve ratio p"));
  pSlider_->setToolTip(pSpin_->toolTip());
  pSlider_->setAccessibleName(tr("Reserve ratio p slider"));
  presetButton_->setText(tr("Paper"));
  presetButton_->setAccessibleName(tr("Use the paper's p for this task"));
  lr_->setToolTip(tr("Peak learning rate of AdamW, reached after warmup and decayed linearly."));
  lr_->setAccessibleName(tr("Learning rate"));
  epochs_->setToolTip(tr("How many times training goes over the whole training set."));
  epochs_->setAccessibleName(tr("Epochs"));
  batch_->setToolTip(tr("Examples per optimizer step."));
  batch_->setAccessibleName(tr("Batch size"));
  maxLength_->setToolTip(
      tr("Longest input in tokens, special tokens included; longer inputs are truncated."));
  maxLength_->setAccessibleName(tr("Maximum length"));
  warmup_->setToolTip(tr("Fraction of all steps over which the learning rate rises from 0."));
  warmup_->setAccessibleName(tr("Warmup ratio"));
  weightDecay_->setToolTip(tr("AdamW's decoupled weight decay, applied to every weight."));
  weightDecay_->setAccessibleName(tr("Weight decay"));
  seed_->setToolTip(tr("Seed for data order, dropout, masks and the classifier's start values."));
  seed_->setAccessibleName(tr("Seed"));
  seeds_->setPrefix(tr("× "));
  seeds_->setSuffix(tr(" seeds"));
  seeds_->setToolTip(tr("Start this many runs one after another, with seeds seed, seed+1, …"));
  seeds_->setAccessibleName(tr("Number of seeds"));
  trainLimit_->setSpecialValueText(tr("all examples"));
  trainLimit_->setToolTip(
      tr("Train on only this many examples (0: all), e.g. 1000 for the "
         "paper's low-resource setting."));
  trainLimit_->setAccessibleName(tr("Training subset size"));
  randomSubset_->setText(tr("random"));
  randomSubset_->setToolTip(
      tr("Draw the subset at random (with the seed) instead of taking the "
         "first examples."));
  randomSubset_->setAccessibleName(tr("Random subset"));
  device_->setToolTip(tr("Where the model trains: the CPU or a CUDA GPU."));
  device_->setAccessibleName(tr("Device"));
  validationLabel_->setAccessibleName(tr("Validation message"));
  updatePresetText();
}

void RunConfigForm::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    revalidate();
  } else if (event->type() == QEvent::PaletteChange) {
    revalidate();
  }
}

core::RunConfig RunConfigForm::config() const {
  core::RunConfig c = base_;
  c.method = static_cast<core::Method>(method_->currentData().toInt());
  if (pExplicit_ && c.method != core::Method::Vanilla) {
    c.reserveP = pSpin_->value();
  } else {
    c.reserveP.reset();
  }
  c.learningRate = lr_->value();
  c.epochs = epochs_->value();
  c.batchSize = batch_->value();
  c.maxLength = maxLength_->value();
  c.warmupRatio = warmup_->value();
  c.weightDecay = weightDecay_->value();
  c.seed = static_cast<uint64_t>(seed_->value());
  c.trainLimit = trainLimit_->value();
  c.randomSubset = c.trainLimit > 0 && randomSubset_->isChecked();
  c.device = device_->currentData().toString().toStdString();
  return c;
}

void RunConfigForm::setConfig(const core::RunConfig& config) {
  {
    updating_ = true;
    const QSignalBlocker blockers[] = {
        QSignalBlocker(method_),    QSignalBlocker(pSpin_),      QSignalBlocker(pSlider_),
        QSignalBlocker(lr_),        QSignalBlocker(epochs_),     QSignalBlocker(batch_),
        QSignalBlocker(maxLength_), QSignalBlocker(warmup_),     QSignalBlocker(weightDecay_),
        QSignalBlocker(seed_),      QSignalBlocker(trainLimit_), QSignalBlocker(randomSubset_),
        QSignalBlocker(device_)};
    (void)blockers;
    base_ = config;
    method_->setCurrentIndex(method_->findData(static_cast<int>(config.method)));
    pExplicit_ = config.reserveP.has_value();
    if (config.reserveP) {
      pSpin_->setValue(*config.reserveP);
      pSlider_->setValue(static_cast<int>(std::lround(*config.reserveP * kSliderSteps)));
    }
    lr_->setValue(config.learningRate);
    epochs_->setValue(config.epochs);
    batch_->setValue(config.batchSize);
    maxLength_->setValue(config.maxLength);
    warmup_->setValue(config.warmupRatio);
    weightDecay_->setValue(config.weightDecay);
    seed_->setValue(static_cast<int>(std::min<uint64_t>(config.seed, 1U << 30)));
    trainLimit_->setValue(static_cast<int>(std::min<int64_t>(config.trainLimit, 100000000)));
    randomSubset_->setChecked(config.randomSubset);
    randomSubset_->setEnabled(config.trainLimit > 0);
    const QString device = QString::fromStdString(config.device);
    if (device_->findData(device) < 0) {
      device_->addItem(device, device);
    }
    device_->setCurrentIndex(device_->findData(device));
    updating_ = false;
  }
  onMethodChanged();
}

void RunConfigForm::setModelDir(const QString& dir) {
  base_.modelDir = dir.toStdString();
  revalidate();
}

void RunConfigForm::setTask(const QString& task) {
  base_.task = task.toStdString();
  if (!pExplicit_) {
    onMethodChanged();  // shows the new task's preset
  } else {
    updatePresetText();
    revalidate();
  }
}

void RunConfigForm::setDataDir(const QString& dir) {
  base_.dataDir = dir.toStdString();
  revalidate();
}

void RunConfigForm::setAvailableDevices(const QStringList& devices, const QStringList& labels) {
  const QString current = device_->currentData().toString();
  {
    const QSignalBlocker blocker(device_);
    device_->clear();
    for (int i = 0; i < devices.size(); ++i) {
      device_->addItem(i < labels.size() ? labels[i] : devices[i], devices[i]);
    }
    if (device_->findData(current) < 0 && !current.isEmpty()) {
      device_->addItem(current, current);
    }
    device_->setCurrentIndex(std::max(0, device_->findData(current)));
  }
  revalidate();
}

int RunConfigForm::seedCount() const { return seeds_->value(); }

void RunConfigForm::setSeedCount(int count) { seeds_->setValue(count); }

void RunConfigForm::applyAuthorPreset() {
  pExplicit_ = false;
  onMethodChanged();
}

void RunConfigForm::onMethodChanged() {
  const auto method = static_cast<core::Method>(method_->currentData().toInt());
  const bool hasP = method != core::Method::Vanilla;
  pSpin_->setEnabled(hasP);
  pSlider_->setEnabled(hasP);
  presetButton_->setEnabled(hasP);
  if (!hasP) {
    pExplicit_ = false;  // vanilla has no p; back to a Child-Tuning method means the paper's p
  }
  if (!pExplicit_ || !hasP) {
    core::RunConfig c = base_;
    c.method = method;
    c.reserveP.reset();
    updating_ = true;
    {
      const QSignalBlocker blockSpin(pSpin_);
      const QSignalBlocker blockSlider(pSlider_);
      pSpin_->setValue(c.effectiveP());
      pSlider_->setValue(static_cast<int>(std::lround(c.effectiveP() * kSliderSteps)));
    }
    updating_ = false;
  }
  pLabel_->setText(method == core::Method::ChildTuningF ? tr("Reserve p_&F:")
                   : hasP                               ? tr("Reserve p_&D:")
                                                        : tr("Reserve &p:"));
  updatePresetText();
  revalidate();
}

void RunConfigForm::onPChanged(double value) {
  if (updating_) {
    return;
  }
  pExplicit_ = true;
  updating_ = true;
  {
    const QSignalBlocker blocker(pSlider_);
    pSlider_->setValue(static_cast<int>(std::lround(value * kSliderSteps)));
  }
  updating_ = false;
  updatePresetText();
  revalidate();
}

void RunConfigForm::updatePresetText() {
  const core::TaskSpec* task = core::findTask(base_.task);
  const auto method = static_cast<core::Method>(method_->currentData().toInt());
  if (task == nullptr || method == core::Method::Vanilla) {
    presetButton_->setToolTip(tr("Vanilla fine-tuning updates every weight (p = 1)."));
    return;
  }
  const double p =
      method == core::Method::ChildTuningF ? task->childTuning.pF : task->childTuning.pD;
  presetButton_->setToolTip(tr("Use the Child-Tuning paper's value for %1: p = %2")
                                .arg(QString::fromStdString(task->name), QLocale().toString(p)));
}

QWidget* RunConfigForm::fieldWidget(const QString& field) const {
  if (field == QLatin1String("p")) {
    return pSpin_;
  }
  if (field == QLatin1String("lr")) {
    return lr_;
  }
  if (field == QLatin1String("epochs")) {
    return epochs_;
  }
  if (field == QLatin1String("batch-size")) {
    return batch_;
  }
  if (field == QLatin1String("max-length")) {
    return maxLength_;
  }
  if (field == QLatin1String("warmup")) {
    return warmup_;
  }
  if (field == QLatin1String("weight-decay")) {
    return weightDecay_;
  }
  if (field == QLatin1String("train-limit")) {
    return trainLimit_;
  }
  if (field == QLatin1String("device")) {
    return device_;
  }
  return nullptr;
}

void RunConfigForm::revalidate() {
  if (updating_) {
    return;
  }
  QString message;
  QString field;
  try {
    config().validate();
  } catch (const childtune::Error& error) {
    message = QString::fromStdString(error.message());
    // The core's messages read "setting '<field>' <problem>".
    const QString prefix = QStringLiteral("setting '");
    if (message.startsWith(prefix)) {
      const auto end = message.indexOf(QLatin1Char('\''), prefix.size());
      if (end > 0) {
        field = message.mid(prefix.size(), end - prefix.size());
      }
    }
  }
  if (QWidget* previous = fieldWidget(invalidField_);
      previous != nullptr && field != invalidField_) {
    previous->setAccessibleDescription(QString());
    previous->setPalette(QPalette());
  }
  validation_ = message;
  invalidField_ = field;
  if (message.isEmpty()) {
    validationLabel_->hide();
    validationLabel_->clear();
  } else {
    const QColor error = blend(palette().color(QPalette::Text), QColor(0xd3, 0x2f, 0x2f), 0.8);
    validationLabel_->setText(QStringLiteral("<span style=\"color:%1\">⚠ %2</span>")
                                  .arg(error.name(), message.toHtmlEscaped()));
    validationLabel_->show();
    if (QWidget* widget = fieldWidget(field); widget != nullptr) {
      widget->setAccessibleDescription(message);
      QPalette tinted = widget->palette();
      tinted.setColor(QPalette::Base,
                      blend(palette().color(QPalette::Base), QColor(0xd3, 0x2f, 0x2f), 0.25));
      widget->setPalette(tinted);
    }
  }
  Q_EMIT configChanged();
}

}  // namespace childtune::widgets
