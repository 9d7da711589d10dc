#pragma once
// Item models over a core::ModelSummary's parameter list: totals by module kind (with a share
// of the whole model) and the individual tensors.

#include <QAbstractTableModel>
#include <vector>

#include "childtune/model_info.h"

namespace childtune::widgets {

// One row per module kind that has parameters, in ModuleKind order, then a "Total" row.
class ModuleKindTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { KindColumn, TensorsColumn, ParametersColumn, ShareColumn, ColumnCount };
  static constexpr int kRawValueRole = Qt::UserRole + 1;  // qlonglong / double behind the text

  struct Row {
    core::ModuleKind kind = core::ModuleKind::Other;
    bool isTotal = false;
    qint64 tensors = 0;
    qint64 parameters = 0;
    double sharePercent = 0.0;  // of summary.totalParameters
  };

  explicit ModuleKindTableModel(QObject* parent = nullptr);

  void setSummary(const core::ModelSummary& summary);
  void clear();
  const std::vector<Row>& rows() const { return rows_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<Row> rows_;
};

// One row per stored tensor, in checkpoint order.
class ParameterListModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    NameColumn,
    KindColumn,
    LayerColumn,
    ShapeColumn,
    DTypeColumn,
    ParametersColumn,
    ColumnCount
  };
  static constexpr int kSortRole = Qt::UserRole + 1;

  explicit ParameterListModel(QObject* parent = nullptr);

  void setParameters(std::vector<core::ParameterInfo> parameters);
  const std::vector<core::ParameterInfo>& parameters() const { return parameters_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<core::ParameterInfo> parameters_;
};

}  // namespace childtune::widgets
