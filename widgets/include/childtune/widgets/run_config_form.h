#pragma once
// The method and hyper-parameter form of the run setup: method (vanilla, Child-Tuning_F/_D and
// the ablations), p with slider and spin box and the authors' preset for the task, learning rate,
// epochs, batch size, max length, warmup, weight decay, seed and number of seeds, training subset
// and device. Every edit re-validates through RunConfig::validate() and shows its message inline,
// next to the field it names.

#include <QString>
#include <QStringList>
#include <QWidget>

#include "childtune/run_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace childtune::widgets {

class RunConfigForm : public QWidget {
  Q_OBJECT

 public:
  explicit RunConfigForm(QWidget* parent = nullptr);

  // The full configuration: the form's fields over the model, task and data folder last set (and
  // every field the form does not show, kept as given to setConfig).
  core::RunConfig config() const;
  // Shows `config` in the form (unknown devices are added to the device list).
  void setConfig(const core::RunConfig& config);

  // The model folder, task and data folder come from the pickers next to the form.
  void setModelDir(const QString& dir);
  void setTask(const QString& task);
  void setDataDir(const QString& dir);

  // "cpu" first; e.g. {"cpu", "cuda:0"}. The current choice is kept when still listed.
  void setAvailableDevices(const QStringList& devices, const QStringList& labels = {});

  // How many runs to start, with seeds seed, seed+1, … (1: one run).
  int seedCount() const;
  void setSeedCount(int count);

  // RunConfig::validate()'s message for the current values; empty when valid.
  QString validationMessage() const { return validation_; }
  bool isValid() const { return validation_.isEmpty(); }
  // The field the validation message names ("lr", "p", …); empty when valid or unknown.
  QString invalidField() const { return invalidField_; }

  // Sets p to the Child-Tuning paper's value for the task and method (1 for vanilla).
  void applyAuthorPreset();

  QComboBox* methodCombo() const { return method_; }
  QDoubleSpinBox* pSpin() const { return pSpin_; }
  QSlider* pSlider() const { return pSlider_; }
  QDoubleSpinBox* learningRateSpin() const { return lr_; }
  QSpinBox* epochsSpin() const { return epochs_; }
  QSpinBox* batchSizeSpin() const { return batch_; }
  QSpinBox* maxLengthSpin() const { return maxLength_; }
  QDoubleSpinBox* warmupSpin() const { return warmup_; }
  QDoubleSpinBox* weightDecaySpin() const { return weightDecay_; }
  QSpinBox* seedSpin() const { return seed_; }
  QSpinBox* seedCountSpin() const { return seeds_; }
  QSpinBox* trainLimitSpin() const { return trainLimit_; }
  QCheckBox* randomSubsetCheck() const { return randomSubset_; }
  QComboBox* deviceCombo() const { return device_; }
  QLabel* validationLabel() const { return validationLabel_; }

 Q_SIGNALS:
  // Any field changed (also when set programmatically).
  void configChanged();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void buildUi();
  void retranslate();
  void onMethodChanged();
  void onPChanged(double value);
  void updatePresetText();
  void revalidate();
  QWidget* fieldWidget(const QString& field) const;

  core::RunConfig base_;  // what setConfig gave, plus the picker values
  QString validation_;
  QString invalidField_;
  bool updating_ = false;
  bool pExplicit_ = false;  // the user chose p; else the paper's value for the task

  QComboBox* method_ = nullptr;
  QDoubleSpinBox* pSpin_ = nullptr;
  QSlider* pSlider_ = nullptr;
  QPushButton* presetButton_ = nullptr;
  QLabel* pLabel_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* maxLength_ = nullptr;
  QDoubleSpinBox* warmup_ = nullptr;
  QDoubleSpinBox* weightDecay_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* seeds_ = nullptr;
  QSpinBox* trainLimit_ = nullptr;
  QCheckBox* randomSubset_ = nullptr;
  QComboBox* device_ = nullptr;
  QLabel* validationLabel_ = nullptr;
  QList<QLabel*> labels_;
};

}  // namespace childtune::widgets
