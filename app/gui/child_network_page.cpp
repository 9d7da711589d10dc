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
#include <QVBoxLayout>
#include <algorithm>

#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/fisher_distribution_plot.h"
#include "childtune/widgets/mask_density_plot.h"
#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/weight_map_view.h"
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
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(stack_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll);

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
  showPlaceholder();
}

void ChildNetworkPage::setAnalysis(const FisherAnalysisPtr& analysis,
                                   const core::FisherSummary& summary) {
  analysis_ = analysis;
  summary_ = summary;
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

}  // namespace childtune::app
