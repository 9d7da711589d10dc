#pragma once
// Live training curves of one run plus overlays of earlier runs: training loss (raw, faint, and
// smoothed with TensorBoard's debiased exponential moving average), dev metric(s) and learning
// rate in three panels sharing the step axis. Points arrive one at a time from queued signals;
// they are buffered and drawn at most once per kFlushIntervalMs (never one replot per event).
// Thread: GUI thread only.

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <limits>
#include <vector>

class QCheckBox;
class QCPAxisRect;
class QCPGraph;
class QCPItemText;
class QCPLegend;
class QCustomPlot;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace childtune::widgets {

// One dev-set evaluation: `value` of `metric` ("accuracy", "f1", ...) after `step` steps.
struct EvalPoint {
  double step = 0.0;
  QString metric;
  double value = 0.0;
};

class TrainingChartWidget : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kFlushIntervalMs = 40;
  // Curves with more points than this per pixel of plot width are drawn without antialiasing.
  static constexpr int kAntialiasedPointsPerPixel = 2;

  explicit TrainingChartWidget(QWidget* parent = nullptr);
  ~TrainingChartWidget() override;

  // TensorBoard's smoothing: an exponential moving average with weight `weight` in [0, 1),
  // divided by (1 - weight^n) so that the first points are not pulled towards zero. Non-finite
  // values pass through unchanged and do not enter the average. Same length as `values`.
  static std::vector<double> smoothed(const std::vector<double>& values, double weight);

  // The live run. Cheap (appends to a buffer and arms the flush timer); steps must not
  // decrease. `lr` is the learning rate used at `step`.
  void appendStep(double step, double loss, double lr);
  void appendEval(double step, const QString& metric, double value);
  // Shown in the legend for the live run ("This run" until set).
  void setRunLabel(const QString& label);
  // Removes the live run's points (overlays stay).
  void clear();

  // An earlier run drawn in its own colour: loss (smoothed as the live run), evaluations and,
  // when given, its learning rate as (step, lr) points. Replaces an overlay with the same label.
  // `steps` and `losses` have the same length.
  void addOverlay(const QString& runLabel, const std::vector<double>& steps,
                  const std::vector<double>& losses, const std::vector<EvalPoint>& evals,
                  const std::vector<std::pair<double, double>>& learningRates = {});
  // An overlay's learning-rate points, for tests (empty for an unknown label).
  std::vector<std::pair<double, double>> overlayLearningRatePoints(const QString& runLabel) const;
  void removeOverlay(const QString& runLabel);
  void clearOverlays();
  QStringList overlayLabels() const;

  // Smoothing weight in [0, 0.99] (clamped); applies to the live run and the overlays.
  void setSmoothing(double weight);
  double smoothing() const { return smoothing_; }
  // Logarithmic loss axis.
  void setLogScaleLoss(bool enabled);
  bool logScaleLoss() const { return logScaleLoss_; }
  // Fits every panel to its data again after the user zoomed or panned.
  void resetView();
  // True after the user zoomed or panned: new points then no longer rescale the view.
  bool userViewActive() const { return userView_; }
  void setToolbarVisible(bool visible);

  // Exports: PNG and PDF of the chart as shown (width/height 0: the widget's size), CSV of the
  // data in long format `run,series,step,value` (series: loss, loss_smoothed, lr,
  // eval:<metric>). Return false and fill `error` on failure.
  bool exportPng(const QString& path, QString* error = nullptr, int width = 0, int height = 0);
  bool exportPdf(const QString& path, QString* error = nullptr, int width = 0, int height = 0);
  bool exportCsv(const QString& path, QString* error = nullptr);

  // Draws pending points now (skipping the timer) and replots synchronously: for benchmarks
  // and tests. Returns the replot time in milliseconds.
  double flushAndReplotNow();
  // Points buffered since the last flush, and the number of replots so far.
  int pendingPointCount() const;
  int replotCount() const { return replotCount_; }
  bool flushPending() const;

  // Drawn data, for tests: the live run's loss/smoothed loss/lr and a metric's evaluations.
  std::vector<std::pair<double, double>> lossPoints() const;
  std::vector<std::pair<double, double>> smoothedLossPoints() const;
  std::vector<std::pair<double, double>> learningRatePoints() const;
  std::vector<std::pair<double, double>> evalPoints(const QString& metric) const;
  QStringList metrics() const;

  QCustomPlot* plot() const { return plot_; }
  QCPAxisRect* lossRect() const { return lossRect_; }
  QCPAxisRect* metricRect() const { return metricRect_; }
  QCPAxisRect* learningRateRect() const { return lrRect_; }

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Overlay {
    QString label;
    QCPGraph* loss = nullptr;  // smoothed
    QCPGraph* lr = nullptr;    // null when the run's learning rate was not given
    std::vector<double> steps;
    std::vector<double> losses;
    QHash<QString, QCPGraph*> evals;
    int colorIndex = 0;
  };
  struct PendingStep {
    double step;
    double loss;
    double lr;
  };
  // Running min/max of a graph's finite values, all and positive only (for the log axis), so
  // fitting the view after a flush does not rescan every point (500k with five long curves).
  struct ValueExtent {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    double positiveLo = std::numeric_limits<double>::infinity();
    double positiveHi = -std::numeric_limits<double>::infinity();
    void add(double value);
  };

  void buildToolbar();
  void buildPlot();
  void flush();
  void restyle();
  void rescaleIfFollowing();
  void rescaleAll();
  void rebuildSmoothed();
  void applyLossScale();
  void syncStepRange(const QCPAxisRect* source);
  QCPGraph* liveEvalGraph(const QString& metric);
  void exportWithDialog();
  int nextOverlayColor() const;
  void dropGraph(QCPGraph* graph);
  // Recomputes a graph's extent from all its points (after setData).
  void measureGraph(const QCPGraph* graph);
  // Dense curves (more points than a few per pixel) are drawn without antialiasing: adaptive
  // sampling turns them into per-pixel vertical strokes, where antialiasing only costs time.
  void updateAntialiasing(QCPGraph* graph) const;

  QWidget* toolbar_ = nullptr;
  QSlider* smoothingSlider_ = nullptr;
  QLabel* smoothingValue_ = nullptr;
  QCheckBox* logScaleBox_ = nullptr;
  QToolButton* resetButton_ = nullptr;
  QToolButton* exportButton_ = nullptr;

  QCustomPlot* plot_ = nullptr;
  QCPAxisRect* lossRect_ = nullptr;
  QCPAxisRect* metricRect_ = nullptr;
  QCPAxisRect* lrRect_ = nullptr;
  QCPLegend* lossLegend_ = nullptr;
  QCPLegend* metricLegend_ = nullptr;
  QCPGraph* rawLoss_ = nullptr;
  QCPGraph* smoothLoss_ = nullptr;
  QCPGraph* learningRate_ = nullptr;
  QCPItemText* emptyText_ = nullptr;
  QHash<QString, QCPGraph*> liveEvals_;
  QStringList metricOrder_;
  std::vector<Overlay> overlays_;

  QHash<const QCPGraph*, ValueExtent> extents_;

  QTimer* flushTimer_ = nullptr;
  std::vector<PendingStep> pendingSteps_;
  std::vector<EvalPoint> pendingEvals_;
  // Incremental state of the smoothed live loss: EMA accumulator and finite points so far.
  double emaLast_ = 0.0;
  int emaCount_ = 0;

  QString runLabel_;
  double smoothing_ = 0.6;
  bool logScaleLoss_ = false;
  bool userView_ = false;
  bool syncingRange_ = false;
  int replotCount_ = 0;
};

}  // namespace childtune::widgets
