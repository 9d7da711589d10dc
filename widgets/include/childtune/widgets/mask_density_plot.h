#pragma once
// Child-Tuning_F at a glance: the density of the sampled Bernoulli gradient mask per encoder
// layer at the current step (bars), against the expected density p_F (a horizontal line).
// Thread: GUI thread only.

#include <QString>
#include <QWidget>
#include <vector>

class QCPBars;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QCustomPlot;

namespace childtune::widgets {

class MaskDensityPlot : public QWidget {
  Q_OBJECT

 public:
  explicit MaskDensityPlot(QWidget* parent = nullptr);
  ~MaskDensityPlot() override;

  // `densities[layer]` in [0, 1]: kept gradient elements / elements at `step`; `pF` the
  // Bernoulli probability. Cheap enough to call on every mask event (one queued replot).
  void setDensities(qint64 step, const std::vector<double>& densities, double pF);
  void clear();

  qint64 step() const { return step_; }
  double expectedDensity() const { return pF_; }
  // What is drawn: bar heights by layer and the line's height.
  std::vector<double> barValues() const;
  double expectedLineValue() const;
  QString title() const;
  QString layerToolTip(int layer) const;

  QCustomPlot* plot() const { return plot_; }

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void restyle();

  QCustomPlot* plot_ = nullptr;
  QCPTextElement* titleElement_ = nullptr;
  QCPBars* bars_ = nullptr;
  QCPItemStraightLine* expectedLine_ = nullptr;
  QCPItemText* expectedLabel_ = nullptr;
  QCPItemText* emptyText_ = nullptr;
  std::vector<double> densities_;
  qint64 step_ = -1;
  double pF_ = 0.0;
};

}  // namespace childtune::widgets
