#include "childtune/widgets/parameter_models.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QStringList>
#include <array>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

ModuleKindTableModel::ModuleKindTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModuleKindTableModel::setSummary(const core::ModelSummary& summary) {
  std::array<qint64, core::kNumModuleKinds> tensors{};
  for (const core::ParameterInfo& parameter : summary.parameters) {
    const auto index = static_cast<size_t>(parameter.kind.kind);
    if (index < tensors.size()) {
      ++tensors[index];
    }
  }
  const auto total = static_cast<double>(summary.totalParameters);
  std::vector<Row> rows;
  qint64 tensorTotal = 0;
  for (int k = 0; k < core::kNumModuleKinds; ++k) {
    const auto kind = static_cast<core::ModuleKind>(k);
    const auto found = summary.parametersByKind.find(kind);
    const qint64 count = found == summary.parametersByKind.end() ? 0 : found->second;
    if (count == 0 && tensors[static_cast<size_t>(k)] == 0) {
      continue;
    }
    Row row;
    row.kind = kind;
    row.tensors = tensors[static_cast<size_t>(k)];
    row.parameters = count;
    row.sharePercent = total > 0 ? 100.0 * static_cast<double>(count) / total : 0.0;
    tensorTotal += row.tensors;
    rows.push_back(row);
  }
  Row totalRow;
  totalRow.isTotal = true;
  totalRow.tensors = tensorTotal;
  totalRow.parameters = summary.totalParameters;
  totalRow.sharePercent = total > 0 ? 100.0 : 0.0;
  rows.push_back(totalRow);

  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
}

void ModuleKindTableModel::clear() {
  beginResetModel();
  rows_.clear();
  endResetModel();
}

int ModuleKindTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ModuleKindTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModuleKindTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) {
    return {};
  }
  const Row& row = rows_[static_cast<size_t>(index.row())];
  const QLocale locale;
  switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
      switch (index.column()) {
        case KindColumn:
          return row.isTotal ? tr("Total") : moduleKindLabel(row.kind);
        case TensorsColumn:
          return locale.toString(row.tensors);
        case ParametersColumn:
          return locale.toString(row.parameters);
        case ShareColumn:
          return tr("%1 %").arg(locale.toString(row.sharePercent, 'f', 1));
        default:
          return {};
      }
    case kRawValueRole:
      switch (index.column()) {
        case KindColumn:
          return row.isTotal ? -1 : static_cast<int>(row.kind);
        case TensorsColumn:
          return qlonglong{row.tensors};
        case ParametersColumn:
          return qlonglong{row.parameters};
        case ShareColumn:
          return row.sharePercent;
        default:
          return {};
      }
    case Qt::DecorationRole:
      if (index.column() == KindColumn && !row.isTotal) {
        return moduleKindColor(row.kind, QApplication::palette());
      }
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() != KindColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      }
      return {};
    case Qt::FontRole:
      if (row.isTotal) {
        QFont font;
        font.setBold(true);
        return font;
      }
      return {};
    default:
      return {};
  }
}

QVariant ModuleKindTableModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
    return QAbstractTableModel::headerData(section, orientation, role);
  }
  switch (section) {
    case KindColumn:
      return tr("Module");
    case TensorsColumn:
      return tr("Tensors");
    case ParametersColumn:
      return tr("Parameters");
    case ShareColumn:
      return tr("Share");
    default:
      return {};
  }
}

ParameterListModel::ParameterListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ParameterListModel::setParameters(std::vector<core::ParameterInfo> parameters) {
  beginResetModel();
  parameters_ = std::move(parameters);
  endResetModel();
}

int ParameterListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(parameters_.size());
}

int ParameterListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString shapeText(const std::vector<int64_t>& shape) {
  QStringList dims;
  for (const int64_t dim : shape) {
    dims << QString::number(dim);
  }
  // U+00D7 MULTIPLICATION SIGN, as in "384 × 1536".
  return shape.empty() ? ParameterListModel::tr("scalar") : dims.join(QStringLiteral(" × "));
}
}  // namespace

QVariant ParameterListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(parameters_.size())) {
    return {};
  }
  const core::ParameterInfo& parameter = parameters_[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
      switch (index.column()) {
        case NameColumn:
          return QString::fromStdString(parameter.name);
        case KindColumn:
          return moduleKindLabel(parameter.kind.kind);
        case LayerColumn:
          return parameter.kind.layer >= 0 ? QString::number(parameter.kind.layer) : QString();
        case ShapeColumn:
          return shapeText(parameter.shape);
        case DTypeColumn:
          return QString::fromStdString(parameter.dtype);
        case ParametersColumn:
          return QLocale().toString(static_cast<qint64>(parameter.numel));
        default:
          return {};
      }
    case kSortRole:
      switch (index.column()) {
        case LayerColumn:
          return parameter.kind.layer;
        case ParametersColumn:
          return qlonglong{parameter.numel};
        case KindColumn:
          return static_cast<int>(parameter.kind.kind);
        default:
          return data(index, Qt::DisplayRole);
      }
    case Qt::DecorationRole:
      if (index.column() == KindColumn) {
        return moduleKindColor(parameter.kind.kind, QApplication::palette());
      }
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() == ParametersColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      }
      if (index.column() == LayerColumn) {
        return QVariant::fromValue(Qt::AlignHCenter | Qt::AlignVCenter);
      }
      return {};
    default:
      return {};
  }
}

QVariant ParameterListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
    return QAbstractTableModel::headerData(section, orientation, role);
  }
  switch (section) {
    case NameColumn:
      return tr("Tensor");
    case KindColumn:
      return tr("Module");
    case LayerColumn:
      return tr("Layer");
    case ShapeColumn:
      return tr("Shape");
    case DTypeColumn:
      return tr("Type");
    case ParametersColumn:
      return tr("Parameters");
    default:
      return {};
  }
}

}  // namespace childtune::widgets
