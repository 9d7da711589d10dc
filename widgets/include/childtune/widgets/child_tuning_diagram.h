#pragma once
// The Learn view's diagram: three small models side by side (embeddings at the bottom, encoder
// layers, pooler + classifier on top) with the weights each method updates in one step coloured:
// fine-tuning updates all of them; Child-Tuning_F a fresh random p_F of every tensor, rescaled by
// 1/p_F; Child-Tuning_D a fixed Fisher-chosen p_D of the encoder weights (unevenly spread over the
// layers, because one global threshold decides) while embeddings, pooler and classifier are
// always updated. The patterns are illustrative, drawn from a fixed hash, not from a model.

#include <QString>
#include <QWidget>

namespace childtune::widgets {

class ChildTuningDiagram : public QWidget {
  Q_OBJECT

 public:
  explicit ChildTuningDiagram(QWidget* parent = nullptr);

  // The fractions drawn (the view passes the user's p): 0 < p <= 1.
  void setFractions(double pF, double pD);
  double pF() const { return pF_; }
  double pD() const { return pD_; }

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  enum class Panel { FineTuning, ChildTuningF, ChildTuningD };
  void paintPanel(class QPainter& painter, const QRectF& area, Panel panel) const;
  bool updated(Panel panel, int part, int row, int col) const;

  double pF_ = 0.3;
  double pD_ = 0.3;
};

}  // namespace childtune::widgets
