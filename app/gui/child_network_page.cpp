#include "child_network_page.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringList>
#include <QTabWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "childtune/run_store.h"
#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/fisher_distribution_plot.h"
#include "childtune/widgets/mask_density_plot.h"
#include "childtune/widgets/module_kind_axis.h"
#include "childtune/widgets/overlap_heatmap.h"
#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/weight_map_view.h"
#include "childtune/widgets/weight_movement_heatmap.h"
#include "childtune/widgets/what_if_control.h"
#include "training_controller.h"
#include "training_worker.h"

namespace childtune::app {

ChildNetworkPage::ChildNetworkPage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("childNetworkPage"));
  stack_ = new QStackedWidget;  // owned by the scroll area below

  placeholder_ = new QLabel(stack_);
  placeholder_->setObjectName(QStringLiteral("childNetworkPlaceholder"));
  placeholder_->setAlignment(Qt::AlignCenter);
  placeholder_->setWordWrap(true);
  stack_->addWidget(placeholder_);

  fisherPage_ = new QWidget(stack_);
  whatIf_ = new widgets::WhatIfControl(fisherPage_);
  whatIf_->setObjectName(QStringLiteral("whatIfControl"));
  stats_ = new QLabel(fisherPage_);
  stats_->setObjectName(QStringLiteral("childNetworkStats"));
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  heatmap_ = new widgets::ChildNetworkHeatmap(fisherPage_);
  heatmap_->setObjectName(QStringLiteral("childNetworkHeatmap"));
  distribution_ = new widgets::FisherDistributionPlot(fisherPage_);
  distribution_->setObjectName(QStringLiteral("fisherDistribution"));
  weightMap_ = new widgets::WeightMapView(fisherPage_);
  weightMap_->setObjectName(QStringLiteral("weightMapView"));
  drillTitle_ = new QLabel(fisherPage_);
  tensorCombo_ = new QComboBox(fisherPage_);
  tensorCombo_->setObjectName(QStringLiteral("drillDownTensor"));

  auto* drill = new QWidget(fisherPage_);
  auto* drillLayout = new QVBoxLayout(drill);
  drillLayout->setContentsMargins(0, 0, 0, 0);
  auto* drillHeader = new QHBoxLayout;
  drillHeader->addWidget(drillTitle_, 1);
  drillHeader->addWidget(tensorCombo_);
  drillLayout->addLayout(drillHeader);
  drillLayout->addWidget(weightMap_, 1);

  auto* top = new QSplitter(Qt::Horizontal, fisherPage_);
  top->addWidget(heatmap_);
  top->addWidget(distribution_);
  top->setStretchFactor(0, 3);
  top->setStretchFactor(1, 2);
  auto* vertical = new QSplitter(Qt::Vertical, fisherPage_);
  vertical->addWidget(top);
  vertical->addWidget(drill);
  vertical->setStretchFactor(0, 3);
  vertical->setStretchFactor(1, 2);

  auto* header = new QHBoxLayout;
  header->addWidget(whatIf_, 2);
  header->addWidget(stats_, 1);
  auto* fisherLayout = new QVBoxLayout(fisherPage_);
  fisherLayout->setContentsMargins(0, 0, 0, 0);
  fisherLayout->addLayout(header);
  fisherLayout->addWidget(vertical, 1);
  stack_->addWidget(fisherPage_);

  maskDensity_ = new widgets::MaskDensityPlot(stack_);
  maskDensity_->setObjectName(QStringLiteral("maskDensityPlot"));
  stack_->addWidget(maskDensity_);

  // In a scroll area, so that the four plots never force the window beyond a small screen.
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(stack_);
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName(QStringLiteral("childNetworkTabs"));
  tabs_->setDocumentMode(true);
  tabs_->addTab(scroll, QString());
  buildMovementTab();
  buildCompareTab();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_);

  connect(whatIf_, &widgets::WhatIfControl::pDChanged, this,
          [this](double pD) { rethreshold(pD); });
  connect(heatmap_, &widgets::ChildNetworkHeatmap::cellClicked, this,
          [this](int layer, core::ModuleKind kind) { showCell(layer, kind); });
  connect(tensorCombo_, &QComboBox::currentIndexChanged, this, [this] {
    if (tensorCombo_->currentIndex() >= 0) {
      showTensor(tensorCombo_->currentData().toString());
    }
  });
  retranslate();
  showPlaceholder();
}

void ChildNetworkPage::buildMovementTab() {
  movementPage_ = new QWidget(tabs_);
  movementPage_->setObjectName(QStringLiteral("weightMovementPage"));
  movementNote_ = new QLabel(movementPage_);
  movementNote_->setObjectName(QStringLiteral("weightMovementNote"));
  movementNote_->setWordWrap(true);
  runHeatmap_ = new widgets::ChildNetworkHeatmap(movementPage_);
  runHeatmap_->setObjectName(QStringLiteral("runChildNetworkHeatmap"));
  movement_ = new widgets::WeightMovementHeatmap(movementPage_);
  movement_->setObjectName(QStringLiteral("weightMovementHeatmap"));
  auto* split = new QSplitter(Qt::Horizontal, movementPage_);
  split->addWidget(runHeatmap_);
  split->addWidget(movement_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(movementPage_);
  layout->addWidget(movementNote_);
  layout->addWidget(split, 1);
  tabs_->addTab(movementPage_, QString());
  // The same cell marked on both maps: where the child network is and where the weights went.
  connect(movement_, &widgets::WeightMovementHeatmap::cellClicked, this,
          [this](int layer, core::ModuleKind kind) { runHeatmap_->setCurrentCell(layer, kind); });
  runHeatmap_->hide();
}

void ChildNetworkPage::buildCompareTab() {
  comparePage_ = new QWidget(tabs_);
  comparePage_->setObjectName(QStringLiteral("compareRunsPage"));
  compareA_ = new QComboBox(comparePage_);
  compareA_->setObjectName(QStringLiteral("compareRunA"));
  compareB_ = new QComboBox(comparePage_);
  compareB_->setObjectName(QStringLiteral("compareRunB"));
  for (QComboBox* combo : {compareA_, compareB_}) {
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(24);
    connect(combo, &QComboBox::currentIndexChanged, this, [this] { compareSelected(); });
  }
  compareLabelA_ = new QLabel(comparePage_);
  compareLabelA_->setBuddy(compareA_);
  compareLabelB_ = new QLabel(comparePage_);
  compareLabelB_->setBuddy(compareB_);
  compareStatus_ = new QLabel(comparePage_);
  compareStatus_->setObjectName(QStringLiteral("compareStatus"));
  compareStatus_->setWordWrap(true);
  overlap_ = new widgets::OverlapHeatmap(comparePage_);
  overlap_->setObjectName(QStringLiteral("runOverlapHeatmap"));
  auto* header = new QHBoxLayout;
  header->addWidget(compareLabelA_);
  header->addWidget(compareA_, 1);
  header->addSpacing(12);
  header->addWidget(compareLabelB_);
  header->addWidget(compareB_, 1);
  auto* layout = new QVBoxLayout(comparePage_);
  layout->addLayout(header);
  layout->addWidget(compareStatus_);
  layout->addWidget(overlap_, 1);
  tabs_->addTab(comparePage_, QString());
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
    if (tabs_->widget(index) == comparePage_) {
      refreshComparableRuns();  // runs may have been recorded since
    }
  });
}

void ChildNetworkPage::retranslate() {
  whatIf_->setAccessibleName(tr("What-if p_D"));
  whatIf_->setToolTip(
      tr("Re-threshold the cached Fisher scores for another p_D, before any "
         "training."));
  heatmap_->setAccessibleName(tr("Child network by layer and module"));
  distribution_->setAccessibleName(tr("Fisher distribution per layer with the global cut-off"));
  weightMap_->setAccessibleName(tr("Weight matrix drill-down"));
  tensorCombo_->setAccessibleName(tr("Weight tensor of the selected cell"));
  tensorCombo_->setToolTip(tr("The parameter tensors of the selected layer and module."));
  maskDensity_->setAccessibleName(tr("Child-Tuning_F mask density per layer"));
  tabs_->setTabText(0, tr("Child network"));
  tabs_->setTabText(tabs_->indexOf(movementPage_), tr("Where weights moved"));
  tabs_->setTabText(tabs_->indexOf(comparePage_), tr("Compare runs"));
  tabs_->setTabToolTip(tabs_->indexOf(movementPage_),
                       tr("After training: how far each layer and module moved from the "
                          "pretrained weights, next to the run's child network."));
  tabs_->setTabToolTip(tabs_->indexOf(comparePage_),
                       tr("How much the child networks of two runs (two tasks, two seeds) "
                          "agree, per layer and module."));
  runHeatmap_->setAccessibleName(tr("Child network this run trained"));
  movement_->setAccessibleName(tr("Where the weights moved, by layer and module"));
  compareLabelA_->setText(tr("Child network &A:"));
  compareLabelB_->setText(tr("&B:"));
  compareA_->setAccessibleName(tr("First run to compare"));
  compareB_->setAccessibleName(tr("Second run to compare"));
  compareA_->setToolTip(tr("The current run or a stored Child-Tuning_D run."));
  compareB_->setToolTip(tr("The stored Child-Tuning_D run to compare with."));
  overlap_->setAccessibleName(tr("Overlap of the two child networks per layer and module"));
  updateMovementNote();
  compareSelected();
  if (drillLayer_ < 0) {
    drillTitle_->setText(tr("Click a cell of the heatmap to see its weight matrix."));
  }
  showPlaceholder();
  updateStats();
}

void ChildNetworkPage::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
  }
}

void ChildNetworkPage::showPlaceholder() {
  if (analysis_ != nullptr || (method_ == core::Method::ChildTuningF && maskDensity_->step() > 0)) {
    return;
  }
  if (runId_ == 0) {
    placeholder_->setText(
        tr("Start a Child-Tuning_D run: its child network appears here after "
           "the Fisher pass, with a p_D what-if slider. Child-Tuning_F runs "
           "show their sampled mask density per layer."));
  } else if (usesFisher(method_)) {
    placeholder_->setText(
        tr("Estimating the Fisher information… the child network appears "
           "when the pass is done."));
  } else if (method_ == core::Method::ChildTuningF) {
    placeholder_->setText(tr("The mask density appears with the first training steps."));
  } else {
    placeholder_->setText(
        tr("Vanilla fine-tuning updates every weight: there is no child "
           "network to show. Choose Child-Tuning_D or _F in the Run setup."));
  }
  stack_->setCurrentWidget(placeholder_);
}

void ChildNetworkPage::connectController(TrainingController* controller) {
  controller_ = controller;
  connect(controller, &TrainingController::weightMovementReady, this,
          [this](RunId id, const WeightMovementPtr& movement) {
            if (id == runId_) {
              setWeightMovement(movement);
            }
          });
  connect(controller, &TrainingController::childMasksReady, this,
          [this](RunId id, const PackedMasksPtr& masks) {
            if (id == runId_) {
              setRunMasks(masks);
            }
          });
  connect(controller, &TrainingController::runRecorded, this, [this](RunId id, qint64 storeRunId) {
    if (id == runId_) {
      setStoreRunId(storeRunId);
    }
  });
  const auto ended = [this](RunId id) {
    if (id == runId_ && tabs_->currentWidget() == comparePage_) {
      refreshComparableRuns();
    }
  };
  connect(controller, &TrainingController::runFinished, this,
          [ended](RunId id, const core::RunResult&) { ended(id); });
  connect(controller, &TrainingController::runStopped, this, ended);
  connect(controller, &TrainingController::runFailed, this,
          [ended](RunId id, const QString&) { ended(id); });
  connect(controller, &TrainingController::fisherAnalysisReady, this,
          [this](RunId id, const FisherAnalysisPtr& analysis, const core::FisherSummary& summary) {
            if (id == runId_) {
              setAnalysis(analysis, summary);
            }
          });
  connect(controller, &TrainingController::stepDone, this,
          [this](RunId id, const core::StepStats& stats) {
            if (id == runId_ && !stats.maskDensityByLayer.empty()) {
              showMaskDensity(stats.step, stats.maskDensityByLayer);
            }
          });
}

void ChildNetworkPage::beginRun(RunId runId, const core::RunConfig& config) {
  runId_ = runId;
  method_ = config.method;
  pF_ = config.effectiveP();
  analysis_.reset();
  summary_ = {};
  drillLayer_ = -1;
  heatmap_->clear();
  distribution_->clear();
  weightMap_->clear();
  maskDensity_->clear();
  tensorCombo_->clear();
  drillTitle_->setText(tr("Click a cell of the heatmap to see its weight matrix."));
  whatIf_->setCounts(0, 0);
  if (usesFisher(method_)) {
    whatIf_->setPD(pF_);
  }
  stats_->clear();
  masks_.reset();
  runSummary_ = {};
  storeRunId_ = -1;
  runHeatmap_->clear();
  runHeatmap_->hide();
  movement_->clear();
  updateMovementNote();
  if (tabs_->currentWidget() == movementPage_) {
    tabs_->setCurrentIndex(0);  // the new run's movement comes only at its end
  }
  showPlaceholder();
  if (tabs_->currentWidget() == comparePage_) {
    refreshComparableRuns();
  }
}

void ChildNetworkPage::setAnalysis(const FisherAnalysisPtr& analysis,
                                   const core::FisherSummary& summary) {
  analysis_ = analysis;
  summary_ = summary;
  runSummary_ = summary;
  updateRunHeatmap();
  whatIf_->setPD(summary.pD);
  heatmap_->setSummary(summary_);
  distribution_->setSummary(summary_);
  updateStats();
  stack_->setCurrentWidget(fisherPage_);
  // Start the drill-down at the weight matrix whose cell holds the largest share of the child
  // network (LayerNorm vectors and biases say less than a matrix).
  const core::FisherCell* best = nullptr;
  for (const core::FisherCell& cell : summary_.cells) {
    const bool hasMatrix =
        std::any_of(summary_.tensors.begin(), summary_.tensors.end(), [&cell](const auto& t) {
          return t.layer == cell.layer && t.kind == cell.kind && t.shape.size() == 2;
        });
    if (hasMatrix && (best == nullptr || cell.fraction() > best->fraction())) {
      best = &cell;
    }
  }
  if (best != nullptr) {
    heatmap_->setCurrentCell(best->layer, best->kind);
    showCell(best->layer, best->kind);
  }
}

double ChildNetworkPage::rethreshold(double pD) {
  if (analysis_ == nullptr) {
    return 0.0;
  }
  QElapsedTimer timer;
  timer.start();
  try {
    summary_ = analysis_->summarize(pD);
  } catch (const std::exception& error) {
    stats_->setText(describeError(error));
    return 0.0;
  }
  heatmap_->setSummary(summary_);
  distribution_->setSummary(summary_);
  updateStats();
  if (drillLayer_ >= 0) {
    heatmap_->setCurrentCell(drillLayer_, drillKind_);
    showTensor(tensorCombo_->currentData().toString());
  }
  return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

void ChildNetworkPage::updateStats() {
  if (analysis_ == nullptr) {
    stats_->clear();
    return;
  }
  whatIf_->setCounts(summary_.selected, summary_.total);
  stats_->setText(tr("Global cut-off %1 · Fisher averaged over %n batch(es)", nullptr,
                     static_cast<int>(summary_.batches))
                      .arg(QLocale().toString(summary_.threshold, 'g', 3)));
}

void ChildNetworkPage::showCell(int layer, core::ModuleKind kind) {
  drillLayer_ = layer;
  drillKind_ = kind;
  const QSignalBlocker blocker(tensorCombo_);
  tensorCombo_->clear();
  int preferred = -1;
  for (const core::FisherTensorInfo& tensor : summary_.tensors) {
    if (tensor.layer != layer || tensor.kind != kind) {
      continue;
    }
    const QString name = QString::fromStdString(tensor.name);
    const QString shape = [&tensor] {
      QStringList dims;
      for (const int64_t d : tensor.shape) {
        dims << QString::number(d);
      }
      return dims.join(QStringLiteral(" × "));
    }();
    tensorCombo_->addItem(QStringLiteral("%1  (%2)").arg(name.section(QLatin1Char('.'), -3), shape),
                          name);
    if (preferred < 0 && tensor.shape.size() == 2) {
      preferred = tensorCombo_->count() - 1;  // a weight matrix says more than its bias
    }
  }
  drillTitle_->setText(tr("Layer %1 · %2").arg(layer).arg(widgets::moduleKindLabel(kind)));
  if (tensorCombo_->count() == 0) {
    weightMap_->clear();
    return;
  }
  tensorCombo_->setCurrentIndex(std::max(0, preferred));
  showTensor(tensorCombo_->currentData().toString());
}

void ChildNetworkPage::showTensor(const QString& name) {
  if (analysis_ == nullptr || name.isEmpty()) {
    return;
  }
  try {
    weightMap_->setWeightMap(analysis_->weightMap(name.toStdString(), summary_.pD));
  } catch (const std::exception& error) {
    weightMap_->clear();
    drillTitle_->setText(describeError(error));
  }
}

QString ChildNetworkPage::drillDownTensor() const { return tensorCombo_->currentData().toString(); }

void ChildNetworkPage::showMaskDensity(qint64 step, const std::vector<double>& densities) {
  maskDensity_->setDensities(step, densities, pF_);
  if (analysis_ == nullptr) {
    stack_->setCurrentWidget(maskDensity_);
  }
}

void ChildNetworkPage::setWeightMovement(const WeightMovementPtr& movement) {
  if (movement == nullptr) {
    movement_->clear();
    return;
  }
  movement_->setMovement(*movement);
  updateMovementNote();
  // Without a child network or mask density the first tab has nothing to show: the movement is
  // the news.
  const bool nothingElse =
      analysis_ == nullptr && !(method_ == core::Method::ChildTuningF && maskDensity_->step() > 0);
  if (tabs_->currentIndex() == 0 && nothingElse) {
    tabs_->setCurrentWidget(movementPage_);
  }
}

void ChildNetworkPage::setRunMasks(const PackedMasksPtr& masks) {
  masks_ = masks;
  updateRunHeatmap();
  if (tabs_->currentWidget() == comparePage_) {
    refreshComparableRuns();
  }
}

void ChildNetworkPage::updateRunHeatmap() {
  if (runSummary_.cells.empty()) {
    runHeatmap_->hide();
    return;
  }
  if (masks_ != nullptr && !masks_->empty()) {
    // Count what the run's masks hold per cell (the summary counted the top-Fisher selection).
    std::map<std::pair<int, core::ModuleKind>, int64_t> selected;
    int64_t total = 0;
    for (const core::PackedMask& mask : *masks_) {
      const core::ParameterKind kind = core::classifyParameter(mask.name);
      selected[{std::max(0, kind.layer), kind.kind}] += mask.selected;
      total += mask.selected;
    }
    for (core::FisherCell& cell : runSummary_.cells) {
      const auto it = selected.find({cell.layer, cell.kind});
      cell.selected = it != selected.end() ? it->second : 0;
    }
    runSummary_.selected = total;
  }
  runHeatmap_->setSummary(runSummary_);
  runHeatmap_->show();
  updateMovementNote();
}

void ChildNetworkPage::updateMovementNote() {
  QString note;
  if (runId_ == 0) {
    note =
        tr("After a run has trained, this shows how far each layer and module moved from the "
           "pretrained weights.");
  } else if (usesFisher(method_)) {
    note = tr("Left: the child network this run trained (p<sub>D</sub> = %1). Right: how far "
              "each layer and module moved from the pretrained weights. Outside the child "
              "network only weight decay moves the weights.")
               .arg(QLocale().toString(runSummary_.cells.empty() ? pF_ : runSummary_.pD, 'f', 2));
  } else if (method_ == core::Method::ChildTuningF) {
    note =
        tr("Child-Tuning_F samples a new mask at every step, so every weight can move: this "
           "shows how far each layer and module went from the pretrained weights.");
  } else {
    note =
        tr("Vanilla fine-tuning updates every weight: this shows how far each layer and "
           "module went from the pretrained weights.");
  }
  movementNote_->setText(note);
}

QString ChildNetworkPage::storePath() const {
  if (!storePath_.isEmpty()) {
    return storePath_;
  }
  return controller_ != nullptr ? controller_->storePath() : QString();
}

void ChildNetworkPage::refreshComparableRuns() {
  const auto selection = [](const QComboBox* combo) {
    return combo->currentIndex() >= 0 ? combo->currentData() : QVariant();
  };
  const QVariant keepA = selection(compareA_);
  const QVariant keepB = selection(compareB_);
  {
    const QSignalBlocker blockA(compareA_);
    const QSignalBlocker blockB(compareB_);
    compareA_->clear();
    compareB_->clear();
    if (masks_ != nullptr && !masks_->empty()) {
      // -1 stands for the current run's masks (possibly not stored).
      compareA_->addItem(tr("Current run"), QVariant::fromValue<qint64>(-1));
    }
    const QString path = storePath();
    if (!path.isEmpty()) {
      try {
        core::RunStore store(path.toStdString(), core::RunStore::Mode::ReadOnly);
        for (const core::RunRecord& run : store.listRuns()) {
          const auto method = core::parseMethod(run.method);
          if (run.id == storeRunId_ || !method || !usesFisher(*method)) {
            continue;
          }
          QString label =
              tr("Run %1 · %2 · %3 · seed %4")
                  .arg(QLocale().toString(static_cast<qlonglong>(run.id)),
                       QString::fromStdString(run.task), QString::fromStdString(run.method))
                  .arg(run.seed);
          if (!run.name.empty()) {
            label += QStringLiteral(" · ") + QString::fromStdString(run.name);
          }
          const auto id = QVariant::fromValue<qint64>(run.id);
          compareA_->addItem(label, id);
          compareB_->addItem(label, id);
        }
      } catch (const std::exception& error) {
        compareStatus_->setText(describeError(error));
      }
    }
    const auto restore = [](QComboBox* combo, const QVariant& keep, int fallback) {
      const int index = keep.isValid() ? combo->findData(keep) : -1;
      combo->setCurrentIndex(index >= 0 ? index : std::min(fallback, combo->count() - 1));
    };
    restore(compareA_, keepA, 0);
    // B defaults to the first stored run that is not A.
    int fallbackB = 0;
    if (compareA_->currentIndex() >= 0 && compareB_->count() > 1 &&
        compareB_->itemData(0) == compareA_->currentData()) {
      fallbackB = 1;
    }
    restore(compareB_, keepB, fallbackB);
  }
  compareSelected();
}

void ChildNetworkPage::compareSelected() {
  if (compareA_->currentIndex() < 0 || compareB_->currentIndex() < 0) {
    overlap_->clear();
    compareStatus_->setText(
        tr("Child networks to compare appear here: the current Child-Tuning_D run and the "
           "Child-Tuning_D runs in the run history."));
    return;
  }
  const auto side = [](const QComboBox* combo) -> std::optional<qint64> {
    const qint64 id = combo->currentData().value<qint64>();
    return id < 0 ? std::nullopt : std::optional<qint64>(id);
  };
  compareRuns(side(compareA_), side(compareB_));
}

std::vector<core::PackedMask> ChildNetworkPage::masksOf(std::optional<qint64> run,
                                                        QString* why) const {
  if (!run) {
    if (masks_ == nullptr || masks_->empty()) {
      *why = tr("The current run has no child network (only Child-Tuning_D runs have one).");
      return {};
    }
    return *masks_;
  }
  try {
    core::RunStore store(storePath().toStdString(), core::RunStore::Mode::ReadOnly);
    std::vector<core::PackedMask> masks = store.masks(*run);
    if (masks.empty()) {
      *why = tr("Run %1 has no stored child network (it stopped before the Fisher pass ended).")
                 .arg(QLocale().toString(static_cast<qlonglong>(*run)));
    }
    return masks;
  } catch (const std::exception& error) {
    *why = describeError(error);
    return {};
  }
}

bool ChildNetworkPage::compareRuns(std::optional<qint64> runA, std::optional<qint64> runB) {
  QString why;
  const std::vector<core::PackedMask> a = masksOf(runA, &why);
  const std::vector<core::PackedMask> b = a.empty() ? a : masksOf(runB, &why);
  if (a.empty() || b.empty()) {
    overlap_->clear();
    compareStatus_->setText(why);
    return false;
  }
  std::vector<widgets::OverlapColumn> columns;
  try {
    columns = overlapColumns(a, b);
  } catch (const std::exception& error) {
    overlap_->clear();
    compareStatus_->setText(describeError(error));  // e.g. two models with other shapes
    return false;
  }
  overlap_->setColumns(columns);
  const core::MaskOverlap all = core::maskOverlap(a, b);
  QString text =
      tr("Jaccard index |A ∩ B| / |A ∪ B| per encoder layer: of all maskable weights, "
         "then of each module kind. 1 = the same child network, 0 = disjoint.");
  if (!all.missing.empty()) {
    text += QLatin1Char(' ') + tr("%n tensor(s) exist in only one of the two models.", nullptr,
                                  static_cast<int>(all.missing.size()));
  }
  compareStatus_->setText(text);
  return true;
}

std::vector<widgets::OverlapColumn> ChildNetworkPage::overlapColumns(
    const std::vector<core::PackedMask>& a, const std::vector<core::PackedMask>& b) {
  std::vector<widgets::OverlapColumn> columns;
  const core::MaskOverlap all = core::maskOverlap(a, b);
  columns.push_back({tr("All"), all.perLayer, all.overall});
  // The heatmaps' column order (FisherAnalysis::summarize).
  static constexpr core::ModuleKind kOrder[] = {
      core::ModuleKind::Query,           core::ModuleKind::Key,          core::ModuleKind::Value,
      core::ModuleKind::AttentionOutput, core::ModuleKind::Intermediate, core::ModuleKind::Output,
      core::ModuleKind::LayerNorm,       core::ModuleKind::Other};
  for (const core::ModuleKind kind : kOrder) {
    const auto ofKind = [kind](const std::vector<core::PackedMask>& masks) {
      std::vector<core::PackedMask> out;
      for (const core::PackedMask& mask : masks) {
        const core::ParameterKind k = core::classifyParameter(mask.name);
        if (k.layer >= 0 && k.kind == kind) {
          out.push_back(mask);
        }
      }
      return out;
    };
    const std::vector<core::PackedMask> ka = ofKind(a);
    const std::vector<core::PackedMask> kb = ofKind(b);
    if (ka.empty() && kb.empty()) {
      continue;
    }
    const core::MaskOverlap overlap = core::maskOverlap(ka, kb);
    columns.push_back({widgets::moduleKindShortLabel(kind), overlap.perLayer, overlap.overall});
  }
  return columns;
}

}  // namespace childtune::app
