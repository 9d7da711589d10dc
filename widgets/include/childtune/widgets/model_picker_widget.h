#pragma once
// The model picker: a filterable list over a ModelCatalogModel, two lines per model: the name,
// then its source and architecture or, for an unusable model, the problem (the tooltip has all
// of it). Keeps the selection across catalog refreshes.

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedLayout;
class QSortFilterProxyModel;
class QTreeView;

namespace childtune::widgets {

class ModelCatalogModel;

class ModelPickerWidget : public QWidget {
  Q_OBJECT

 public:
  // `catalog` must outlive the picker.
  explicit ModelPickerWidget(ModelCatalogModel* catalog, QWidget* parent = nullptr);

  // The selected model folder; empty when none.
  QString currentPath() const { return currentPath_; }
  // Selects the row of `path`; false (and no change) when the catalog does not list it.
  bool selectPath(const QString& path);

  // Shown instead of the list when the catalog is empty (e.g. where to put models).
  void setEmptyText(const QString& text);
  bool isShowingEmptyText() const;

  QTreeView* view() const { return view_; }
  QLineEdit* filterEdit() const { return filter_; }
  QSortFilterProxyModel* proxyModel() const { return proxy_; }

 Q_SIGNALS:
  // The selection moved to another model folder (empty: nothing selected).
  void currentModelChanged(const QString& path);

 private:
  void onSelectionChanged();
  void updateEmptyState();

  ModelCatalogModel* catalog_;
  QSortFilterProxyModel* proxy_ = nullptr;
  QTreeView* view_ = nullptr;
  QLineEdit* filter_ = nullptr;
  QStackedLayout* stack_ = nullptr;
  QLabel* emptyLabel_ = nullptr;
  QString emptyText_;
  QString currentPath_;
  QString pathBeforeReset_;
  bool resetting_ = false;
};

}  // namespace childtune::widgets
