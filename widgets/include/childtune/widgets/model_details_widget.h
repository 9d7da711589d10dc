#pragma once
// The Model view: an architecture card, a bar chart of the parameters per encoder layer stacked
// by module kind, a table of the totals by module kind, and the list of stored tensors. Shows
// why a model is unusable instead when it is.

#include <QHash>
#include <QString>
#include <QWidget>
#include <map>
#include <vector>

#include "childtune/model_catalog.h"

class QAction;
class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace childtune::widgets {

class ModuleKindTableModel;
class ParameterListModel;

class ModelDetailsWidget : public QWidget {
  Q_OBJECT

 public:
  enum class Page { Empty, Problem, Details };
  enum class Tab { Overview, Tensors };

  explicit ModelDetailsWidget(QWidget* parent = nullptr);
  ~ModelDetailsWidget() override;

  // Details for a usable entry, the problem for an unusable one.
  void showEntry(const core::CatalogEntry& entry);
  void showSummary(const QString& title, const core::ModelSummary& summary);
  void showProblem(const QString& title, const QString& path, const QString& problem);
  void showEmpty();

  // Adds a button for `action` (e.g. "Add Model Folder…") to the empty page.
  void addEmptyPageAction(QAction* action);

  Page page() const;
  Tab currentTab() const;
  void setCurrentTab(Tab tab);

  // The text shown for one architecture field ("hiddenSize", "layers", "attentionHeads",
  // "parameters", ... see fieldKeys()); empty for an unknown key.
  QString fieldValue(const QString& key) const;
  QStringList fieldKeys() const;
  QString problemText() const;

  // Parameter counts per encoder layer as the chart stacks them: kind -> one value per layer.
  const std::map<core::ModuleKind, std::vector<qint64>>& layerSeries() const {
    return layerSeries_;
  }
  QCustomPlot* layerChart() const { return chart_; }
  ModuleKindTableModel* moduleKindModel() const { return kindModel_; }
  ParameterListModel* parameterListModel() const { return tensorModel_; }
  QSortFilterProxyModel* tensorFilterModel() const { return tensorProxy_; }
  QLineEdit* tensorFilterEdit() const { return tensorFilter_; }

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QWidget* createEmptyPage();
  QWidget* createProblemPage();
  QWidget* createDetailsPage();
  QWidget* createOverviewTab();
  QWidget* createTensorsTab();
  void addField(const QString& key, const QString& label);
  void setField(const QString& key, const QString& value, const QString& toolTip = {});
  void fillArchitecture(const core::ModelSummary& summary);
  void fillChart(const core::ModelSummary& summary);
  void restyleChart();
  void updateEmptyIcon();
  void updateTensorCount();
  bool showChartToolTip(const QPoint& pos, const QPoint& globalPos);

  QStackedWidget* pages_ = nullptr;
  QLabel* problemTitle_ = nullptr;
  QLabel* problemText_ = nullptr;
  QLabel* problemPath_ = nullptr;
  QLabel* problemIcon_ = nullptr;
  QLabel* emptyIcon_ = nullptr;
  QHBoxLayout* emptyActions_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* subtitle_ = nullptr;
  QLabel* path_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QWidget* architectureCard_ = nullptr;
  QHash<QString, QLabel*> fields_;
  QStringList fieldOrder_;
  QCustomPlot* chart_ = nullptr;
  ModuleKindTableModel* kindModel_ = nullptr;
  QTableView* kindView_ = nullptr;
  ParameterListModel* tensorModel_ = nullptr;
  QSortFilterProxyModel* tensorProxy_ = nullptr;
  QTableView* tensorView_ = nullptr;
  QLineEdit* tensorFilter_ = nullptr;
  QLabel* tensorCount_ = nullptr;

  std::map<core::ModuleKind, std::vector<qint64>> layerSeries_;
  double chartScale_ = 1.0;  // plotted value = parameters / chartScale_
};

}  // namespace childtune::widgets
