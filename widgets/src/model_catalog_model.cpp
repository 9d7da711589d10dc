#include "childtune/widgets/model_catalog_model.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <QStyle>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

QString toQString(const std::filesystem::path& path) {
  return QString::fromStdString(path.string());
}

QString canonical(const QString& path) {
  const QFileInfo info(path);
  const QString resolved = info.canonicalFilePath();
  return resolved.isEmpty() ? QFileInfo(QDir::cleanPath(info.absoluteFilePath())).filePath()
                            : resolved;
}

QString architecture(const core::ModelSummary& summary) {
  const std::string& type = summary.config.modelType;
  const QString name = type == "bert"      ? QStringLiteral("BERT")
                       : type == "roberta" ? QStringLiteral("RoBERTa")
                       : type == "electra" ? QStringLiteral("ELECTRA")
                                           : QString::fromStdString(type);
  return ModelCatalogModel::tr("%1, %n layer(s)", nullptr,
                               static_cast<int>(summary.config.numHiddenLayers))
      .arg(name);
}

}  // namespace

ModelCatalogModel::ModelCatalogModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModelCatalogModel::setEntries(std::vector<core::CatalogEntry> entries) {
  beginResetModel();
  entries_ = std::move(entries);
  endResetModel();
}

const core::CatalogEntry* ModelCatalogModel::entryAt(int row) const {
  if (row < 0 || row >= static_cast<int>(entries_.size())) {
    return nullptr;
  }
  return &entries_[static_cast<size_t>(row)];
}

int ModelCatalogModel::rowForPath(const QString& path) const {
  if (path.isEmpty()) {
    return -1;
  }
  const QString wanted = canonical(path);
  for (size_t row = 0; row < entries_.size(); ++row) {
    if (canonical(toQString(entries_[row].path)) == wanted) {
      return static_cast<int>(row);
    }
  }
  return -1;
}

int ModelCatalogModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int ModelCatalogModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString ModelCatalogModel::sourceLabel(core::ModelSource source) {
  switch (source) {
    case core::ModelSource::ChildTuneHome:
      return tr("ChildTune");
    case core::ModelSource::HuggingFaceCache:
      return tr("Hugging Face cache");
    case core::ModelSource::UserFolder:
      return tr("Added folder");
  }
  return {};
}

QString ModelCatalogModel::shortSourceLabel(core::ModelSource source) {
  switch (source) {
    case core::ModelSource::ChildTuneHome:
      return tr("ChildTune");
    case core::ModelSource::HuggingFaceCache:
      return tr("HF cache");
    case core::ModelSource::UserFolder:
      return tr("Added");
  }
  return {};
}

QVariant ModelCatalogModel::displayData(const core::CatalogEntry& entry, int column) const {
  switch (column) {
    case NameColumn:
      return QString::fromStdString(entry.displayName);
    case SourceColumn:
      return sourceLabel(entry.source);
    case ParametersColumn:
      return entry.summary ? compactCount(entry.summary->totalParameters) : QString();
    case StatusColumn:
      if (entry.summary) {
        return architecture(*entry.summary);
      }
      // The first line only; the tooltip has all of it.
      return QString::fromStdString(entry.problem).section(QLatin1Char('\n'), 0, 0);
    case PathColumn:
      return toQString(entry.path);
    default:
      return {};
  }
}

QString ModelCatalogModel::toolTip(const core::CatalogEntry& entry) const {
  QString text =
      QStringLiteral("<b>%1</b><br>%2<br>%3")
          .arg(QString::fromStdString(entry.displayName).toHtmlEscaped(),
               sourceLabel(entry.source).toHtmlEscaped(), toQString(entry.path).toHtmlEscaped());
  if (entry.summary) {
    text += QStringLiteral("<br>") +
            tr("%1 parameters").arg(QLocale().toString(entry.summary->totalParameters));
  } else {
    text += QStringLiteral("<br><br>") +
            tr("Cannot be used: %1").arg(QString::fromStdString(entry.problem).toHtmlEscaped());
  }
  return text;
}

QString ModelCatalogModel::summaryLine(const core::CatalogEntry& entry) const {
  if (entry.summary) {
    return tr("%1 · %2 parameters")
        .arg(architecture(*entry.summary), compactCount(entry.summary->totalParameters));
  }
  return QString::fromStdString(entry.problem).section(QLatin1Char('\n'), 0, 0);
}

QVariant ModelCatalogModel::data(const QModelIndex& index, int role) const {
  const core::CatalogEntry* entry = index.isValid() ? entryAt(index.row()) : nullptr;
  if (entry == nullptr) {
    return {};
  }
  switch (role) {
    case Qt::DisplayRole:
      return displayData(*entry, index.column());
    case Qt::ToolTipRole:
      return toolTip(*entry);
    case Qt::AccessibleTextRole:
      return displayData(*entry, index.column());
    case Qt::DecorationRole:
      if (index.column() == StatusColumn) {
        const QStyle* style = QApplication::style();
        return entry->usable() ? style->standardIcon(QStyle::SP_DialogApplyButton)
                               : style->standardIcon(QStyle::SP_MessageBoxWarning);
      }
      return {};
    case Qt::ForegroundRole:
      if (!entry->usable() && index.column() != StatusColumn) {
        return QApplication::palette().color(QPalette::PlaceholderText);
      }
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() == ParametersColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      }
      return {};
    case PathRole:
      return toQString(entry->path);
    case UsableRole:
      return entry->usable();
    case ProblemRole:
      return QString::fromStdString(entry->problem);
    case SummaryRole:
      return summaryLine(*entry);
    case Qt::AccessibleDescriptionRole:
      return tr("%1, %2").arg(sourceLabel(entry->source), summaryLine(*entry));
    case ShortSourceRole:
      return shortSourceLabel(entry->source);
    case SortRole:
      if (index.column() == ParametersColumn) {
        return entry->summary ? qlonglong{entry->summary->totalParameters} : qlonglong{-1};
      }
      if (index.column() == SourceColumn) {
        return static_cast<int>(entry->source);
      }
      return displayData(*entry, index.column());
    default:
      return {};
  }
}

QVariant ModelCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
    return QAbstractTableModel::headerData(section, orientation, role);
  }
  switch (section) {
    case NameColumn:
      return tr("Model");
    case SourceColumn:
      return tr("Source");
    case ParametersColumn:
      return tr("Parameters");
    case StatusColumn:
      return tr("Status");
    case PathColumn:
      return tr("Folder");
    default:
      return {};
  }
}

}  // namespace childtune::widgets
