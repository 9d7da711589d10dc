#include "childtune/widgets/model_picker_widget.h"

#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

#include "childtune/widgets/model_catalog_model.h"
#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

// Paints a catalog row as an icon, the model name in bold and a smaller summary line below it
// (the problem, tinted, for an unusable model).
class CatalogDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  static constexpr int kPadding = 4;

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& /*index*/) const override {
    const QFontMetrics name(nameFont(option.font));
    const QFontMetrics detail(detailFont(option.font));
    return {200, name.height() + detail.height() + 3 * kPadding};
  }

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QWidget* widget = opt.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    // Background, selection and focus as the style draws them, without text or icon.
    opt.text.clear();
    opt.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool usable = index.data(ModelCatalogModel::UsableRole).toBool();
    const bool selected = (opt.state & QStyle::State_Selected) != 0;
    const QPalette::ColorGroup group =
        (opt.state & QStyle::State_Active) != 0 ? QPalette::Active : QPalette::Inactive;
    const QColor text =
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor detail = blend(
        text, opt.palette.color(group, selected ? QPalette::Highlight : QPalette::Base), 0.35);
    if (!usable && !selected) {
      detail = blend(QColor(0xd6, 0x27, 0x28), text, isDark(opt.palette) ? 0.1 : 0.25);
    }

    const QRect area = opt.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const int iconSize = style->pixelMetric(QStyle::PM_SmallIconSize, &opt, widget);
    const QIcon icon = style->standardIcon(
        usable ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning, &opt, widget);
    const QRect iconRect(area.left(), area.top() + (area.height() - iconSize) / 2, iconSize,
                         iconSize);
    icon.paint(painter, iconRect);

    const QRect textArea = area.adjusted(iconSize + 2 * kPadding, 0, 0, 0);
    const QFont nameF = nameFont(opt.font);
    const QFont detailF = detailFont(opt.font);
    const QFontMetrics nameMetrics(nameF);
    const QFontMetrics detailMetrics(detailF);
    painter->save();
    // The source as a small badge at the right end of the first line.
    const QString source = index.data(ModelCatalogModel::ShortSourceRole).toString();
    const int badgeWidth = detailMetrics.horizontalAdvance(source) + 2 * kPadding;
    const QRect nameRect(textArea.left(), textArea.top(), textArea.width(), nameMetrics.height());
    const QRect badgeRect(nameRect.right() - badgeWidth, nameRect.top() + 1, badgeWidth,
                          nameRect.height() - 2);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(blend(
        opt.palette.color(group, selected ? QPalette::Highlight : QPalette::Base), text, 0.14));
    painter->drawRoundedRect(badgeRect, 3, 3);
    painter->setFont(detailF);
    painter->setPen(text);
    painter->drawText(badgeRect, Qt::AlignCenter, source);
    painter->setFont(nameF);
    const QRect nameTextRect = nameRect.adjusted(0, 0, -(badgeWidth + kPadding), 0);
    painter->drawText(nameTextRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                             Qt::ElideMiddle, nameTextRect.width()));
    painter->setFont(detailF);
    painter->setPen(detail);
    const QRect detailRect(textArea.left(), nameRect.bottom() + kPadding, textArea.width(),
                           detailMetrics.height());
    painter->drawText(
        detailRect, Qt::AlignLeft | Qt::AlignVCenter,
        detailMetrics.elidedText(index.data(ModelCatalogModel::SummaryRole).toString(),
                                 Qt::ElideRight, detailRect.width()));
    painter->restore();
  }

 private:
  static QFont nameFont(QFont font) {
    font.setBold(true);
    return font;
  }
  static QFont detailFont(QFont font) {
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
  }
};

}  // namespace

ModelPickerWidget::ModelPickerWidget(ModelCatalogModel* catalog, QWidget* parent)
    : QWidget(parent), catalog_(catalog) {
  setObjectName(QStringLiteral("modelPicker"));
  setAccessibleName(tr("Models"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);

  filter_ = new QLineEdit(this);
  filter_->setObjectName(QStringLiteral("modelFilter"));
  filter_->setPlaceholderText(tr("Filter models…"));
  filter_->setAccessibleName(tr("Filter models"));
  filter_->setClearButtonEnabled(true);
  layout->addWidget(filter_);

  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(catalog_);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setSortRole(ModelCatalogModel::SortRole);

  view_ = new QTreeView(this);
  view_->setObjectName(QStringLiteral("modelList"));
  view_->setAccessibleName(tr("Available models"));
  view_->setModel(proxy_);
  view_->setRootIsDecorated(false);
  view_->setUniformRowHeights(true);
  view_->setAlternatingRowColors(true);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setItemDelegate(new CatalogDelegate(view_));
  view_->setHeaderHidden(true);
  for (int column = 0; column < ModelCatalogModel::ColumnCount; ++column) {
    view_->setColumnHidden(column, column != ModelCatalogModel::NameColumn);
  }
  // The model's own order: ChildTune home, added folders, hub cache; by name within each.
  emptyLabel_ = new QLabel(this);
  emptyLabel_->setObjectName(QStringLiteral("modelListEmpty"));
  emptyLabel_->setWordWrap(true);
  emptyLabel_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  emptyLabel_->setMargin(8);
  emptyLabel_->setForegroundRole(QPalette::PlaceholderText);
  emptyLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  emptyText_ = tr("No models found.");
  stack_ = new QStackedLayout;
  stack_->addWidget(view_);
  stack_->addWidget(emptyLabel_);
  layout->addLayout(stack_, 1);

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text);
    updateEmptyState();
  });
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this] { onSelectionChanged(); });
  connect(catalog_, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
    pathBeforeReset_ = currentPath_;
    resetting_ = true;
  });
  connect(catalog_, &QAbstractItemModel::modelReset, this, [this] {
    resetting_ = false;
    updateEmptyState();
    if (!selectPath(pathBeforeReset_)) {
      onSelectionChanged();
    }
  });
  updateEmptyState();
}

void ModelPickerWidget::setEmptyText(const QString& text) {
  emptyText_ = text;
  updateEmptyState();
}

bool ModelPickerWidget::isShowingEmptyText() const {
  return stack_->currentWidget() == emptyLabel_;
}

void ModelPickerWidget::updateEmptyState() {
  if (catalog_->rowCount() == 0) {
    emptyLabel_->setText(emptyText_);
    stack_->setCurrentWidget(emptyLabel_);
  } else if (proxy_->rowCount() == 0) {
    emptyLabel_->setText(tr("No model matches “%1”.").arg(filter_->text()));
    stack_->setCurrentWidget(emptyLabel_);
  } else {
    stack_->setCurrentWidget(view_);
  }
}

bool ModelPickerWidget::selectPath(const QString& path) {
  const int row = catalog_->rowForPath(path);
  if (row < 0) {
    return false;
  }
  QModelIndex index = proxy_->mapFromSource(catalog_->index(row, ModelCatalogModel::NameColumn));
  if (!index.isValid()) {
    // Hidden by the filter: clear the filter rather than select an invisible row.
    filter_->clear();
    index = proxy_->mapFromSource(catalog_->index(row, ModelCatalogModel::NameColumn));
  }
  view_->selectionModel()->setCurrentIndex(
      index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->scrollTo(index);
  onSelectionChanged();
  return true;
}

void ModelPickerWidget::onSelectionChanged() {
  if (resetting_) {
    return;
  }
  const QModelIndex current = view_->selectionModel()->currentIndex();
  const QString path =
      current.isValid() ? current.data(ModelCatalogModel::PathRole).toString() : QString();
  if (path != currentPath_) {
    currentPath_ = path;
    Q_EMIT currentModelChanged(path);
  }
}

}  // namespace childtune::widgets
