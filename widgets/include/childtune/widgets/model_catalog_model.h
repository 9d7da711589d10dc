#pragma once
// Table model over the discovered models (core::discoverModels), for the model picker.
// Presentation only: the app runs the discovery and hands the entries over.

#include <QAbstractTableModel>
#include <vector>

#include "childtune/model_catalog.h"

namespace childtune::widgets {

class ModelCatalogModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { NameColumn, SourceColumn, ParametersColumn, StatusColumn, PathColumn, ColumnCount };
  enum Role {
    PathRole = Qt::UserRole + 1,  // QString: the model folder
    UsableRole,                   // bool
    ProblemRole,                  // QString: why unusable, empty when usable
    SortRole,                     // raw value for sorting (parameter count as qlonglong, ...)
    // The line under the name in the picker: "BERT, 6 layers · 22.7 M parameters", or the
    // problem for an unusable model.
    SummaryRole,
    ShortSourceRole,  // QString: "ChildTune", "HF cache", "Added"

  };

  explicit ModelCatalogModel(QObject* parent = nullptr);

  void setEntries(std::vector<core::CatalogEntry> entries);
  const std::vector<core::CatalogEntry>& entries() const { return entries_; }
  // nullptr when `row` is out of range.
  const core::CatalogEntry* entryAt(int row) const;
  // The row whose folder is `path` (compared after resolving "..", "." and symlinks), or -1.
  int rowForPath(const QString& path) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  static QString sourceLabel(core::ModelSource source);
  static QString shortSourceLabel(core::ModelSource source);

 private:
  QVariant displayData(const core::CatalogEntry& entry, int column) const;
  QString toolTip(const core::CatalogEntry& entry) const;
  QString summaryLine(const core::CatalogEntry& entry) const;

  std::vector<core::CatalogEntry> entries_;
};

}  // namespace childtune::widgets
