#include "childtune/widgets/model_details_widget.h"

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/parameter_models.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

// A label that elides its text in the middle instead of growing the layout (long folder paths).
class ElidedLabel : public QLabel {
 public:
  using QLabel::QLabel;
  QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }
  QSize sizeHint() const override { return {0, QLabel::sizeHint().height()}; }

 protected:
  void paintEvent(QPaintEvent* /*event*/) override {
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideMiddle, area.width());
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(area, static_cast<int>(alignment()) | Qt::TextSingleLine, shown);
  }
};

QString architectureName(const std::string& modelType) {
  if (modelType == "bert") {
    return QStringLiteral("BERT");
  }
  if (modelType == "roberta") {
    return QStringLiteral("RoBERTa");
  }
  if (modelType == "electra") {
    return QStringLiteral("ELECTRA");
  }
  return QString::fromStdString(modelType);
}

QString tokenizerName(const std::string& kind) {
  if (kind == "wordpiece") {
    return ModelDetailsWidget::tr("WordPiece");
  }
  if (kind == "byte-level-bpe") {
    return ModelDetailsWidget::tr("Byte-level BPE");
  }
  if (kind == "unigram") {
    return ModelDetailsWidget::tr("Unigram");
  }
  return kind.empty() ? ModelDetailsWidget::tr("unknown") : QString::fromStdString(kind);
}

QString number(qint64 value) { return QLocale().toString(value); }

QString decimal(double value) { return QLocale().toString(value, 'g', 6); }

// The encoder-layer kinds in stacking order, bottom to top (the order of a layer's forward pass).
constexpr core::ModuleKind kLayerKinds[] = {
    core::ModuleKind::Query,        core::ModuleKind::Key,
    core::ModuleKind::Value,        core::ModuleKind::AttentionOutput,
    core::ModuleKind::Intermediate, core::ModuleKind::Output,
    core::ModuleKind::LayerNorm,    core::ModuleKind::Embeddings,
    core::ModuleKind::Pooler,       core::ModuleKind::Head,
    core::ModuleKind::Other,
};

QLabel* makeHeading(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  QFont font = label->font();
  font.setBold(true);
  font.setPointSizeF(font.pointSizeF() * 1.35);
  label->setFont(font);
  return label;
}

}  // namespace

ModelDetailsWidget::ModelDetailsWidget(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("modelDetails"));
  setAccessibleName(tr("Model details"));
  pages_ = new QStackedWidget(this);
  pages_->addWidget(createEmptyPage());
  pages_->addWidget(createProblemPage());
  pages_->addWidget(createDetailsPage());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);
  showEmpty();
}

ModelDetailsWidget::~ModelDetailsWidget() = default;

QWidget* ModelDetailsWidget::createEmptyPage() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  layout->addStretch(2);
  emptyIcon_ = new QLabel(page);
  emptyIcon_->setAlignment(Qt::AlignCenter);
  layout->addWidget(emptyIcon_);
  auto* heading = makeHeading(tr("No model selected"), page);
  heading->setAlignment(Qt::AlignCenter);
  layout->addWidget(heading);
  auto* hint = new QLabel(
      tr("Pick a model in the list, or add a folder that holds a Hugging Face model "
         "(config.json, model.safetensors and tokenizer files) with File ▸ Add Model Folder…"),
      page);
  hint->setWordWrap(true);
  hint->setAlignment(Qt::AlignCenter);
  hint->setForegroundRole(QPalette::PlaceholderText);
  hint->setMaximumWidth(hint->fontMetrics().averageCharWidth() * 70);
  // Centred by stretches rather than an alignment flag, so the layout honours the wrapped
  // label's height for its width.
  auto* hintRow = new QHBoxLayout;
  hintRow->addStretch(1);
  hintRow->addWidget(hint, 100);
  hintRow->addStretch(1);
  layout->addLayout(hintRow);
  emptyActions_ = new QHBoxLayout;
  emptyActions_->addStretch(1);
  emptyActions_->addStretch(1);
  layout->addSpacing(8);
  layout->addLayout(emptyActions_);
  layout->addStretch(3);
  return page;
}

QWidget* ModelDetailsWidget::createProblemPage() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  auto* top = new QHBoxLayout;
  problemIcon_ = new QLabel(page);
  problemIcon_->setAlignment(Qt::AlignTop);
  top->addWidget(problemIcon_);
  auto* texts = new QVBoxLayout;
  problemTitle_ = makeHeading(QString(), page);
  texts->addWidget(problemTitle_);
  problemPath_ = new ElidedLabel(page);
  problemPath_->setForegroundRole(QPalette::PlaceholderText);
  texts->addWidget(problemPath_);
  auto* intro = new QLabel(tr("ChildTune cannot use this model:"), page);
  texts->addSpacing(8);
  texts->addWidget(intro);
  problemText_ = new QLabel(page);
  problemText_->setObjectName(QStringLiteral("problemText"));
  problemText_->setWordWrap(true);
  problemText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  problemText_->setAccessibleName(tr("Problem"));
  texts->addWidget(problemText_);
  top->addLayout(texts, 1);
  layout->addLayout(top);
  layout->addStretch(1);
  return page;
}

QWidget* ModelDetailsWidget::createDetailsPage() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* header = new QVBoxLayout;
  header->setSpacing(2);
  header->setContentsMargins(6, 6, 6, 0);
  title_ = makeHeading(QString(), page);
  title_->setObjectName(QStringLiteral("modelTitle"));
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  header->addWidget(title_);
  subtitle_ = new QLabel(page);
  subtitle_->setObjectName(QStringLiteral("modelSubtitle"));
  header->addWidget(subtitle_);
  path_ = new ElidedLabel(page);
  path_->setObjectName(QStringLiteral("modelPath"));
  path_->setForegroundRole(QPalette::PlaceholderText);
  header->addWidget(path_);
  layout->addLayout(header);

  tabs_ = new QTabWidget(page);
  tabs_->setObjectName(QStringLiteral("modelTabs"));
  tabs_->setDocumentMode(true);
  tabs_->addTab(createOverviewTab(), tr("Overview"));
  tabs_->addTab(createTensorsTab(), tr("Tensors"));
  layout->addWidget(tabs_, 1);
  return page;
}

QWidget* ModelDetailsWidget::createOverviewTab() {
  auto* tab = new QWidget(this);
  auto* layout = new QHBoxLayout(tab);

  auto* card = new QGroupBox(tr("Architecture"), tab);
  architectureCard_ = card;
  card->setObjectName(QStringLiteral("architectureCard"));
  auto* form = new QFormLayout(card);
  form->setLabelAlignment(Qt::AlignRight);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  card->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Maximum);
  addField(QStringLiteral("architecture"), tr("Model type"));
  addField(QStringLiteral("layers"), tr("Encoder layers"));
  addField(QStringLiteral("hiddenSize"), tr("Hidden size"));
  addField(QStringLiteral("attentionHeads"), tr("Attention heads"));
  addField(QStringLiteral("intermediateSize"), tr("Feed-forward size"));
  addField(QStringLiteral("activation"), tr("Activation"));
  addField(QStringLiteral("embeddingSize"), tr("Embedding size"));
  addField(QStringLiteral("vocabSize"), tr("Vocabulary"));
  addField(QStringLiteral("maxPositions"), tr("Max positions"));
  addField(QStringLiteral("typeVocabSize"), tr("Segment types"));
  addField(QStringLiteral("positionEmbeddings"), tr("Position embeddings"));
  addField(QStringLiteral("dropout"), tr("Dropout"));
  addField(QStringLiteral("layerNormEps"), tr("LayerNorm ε"));
  addField(QStringLiteral("tokenizer"), tr("Tokenizer"));
  addField(QStringLiteral("head"), tr("Classifier head"));
  addField(QStringLiteral("parameters"), tr("Parameters"));
  addField(QStringLiteral("weights"), tr("Weights on disk"));
  for (const QString& key : std::as_const(fieldOrder_)) {
    QLabel* value = fields_.value(key);
    auto* label = new QLabel(value->accessibleName() + QLatin1Char(':'), card);
    label->setBuddy(value);
    form->addRow(label, value);
  }
  auto* left = new QVBoxLayout;
  left->addWidget(card);
  left->addStretch(1);
  layout->addLayout(left, 0);

  auto* right = new QVBoxLayout;
  auto* chartBox = new QGroupBox(tr("Parameters per encoder layer"), tab);
  auto* chartLayout = new QVBoxLayout(chartBox);
  chart_ = new QCustomPlot(chartBox);
  chart_->setObjectName(QStringLiteral("layerChart"));
  chart_->setAccessibleName(tr("Parameters per encoder layer, stacked by module"));
  chart_->setMinimumHeight(200);
  chart_->setInteractions(QCP::Interactions());
  chart_->setAutoAddPlottableToLegend(false);
  chart_->installEventFilter(this);
  // The legend sits right of the axes, at the top: a sub-grid whose second row soaks up the
  // height the legend does not need.
  auto* legendColumn = new QCPLayoutGrid;
  chart_->plotLayout()->addElement(0, 1, legendColumn);
  chart_->plotLayout()->setColumnStretchFactor(1, 0.001);
  legendColumn->addElement(0, 0, chart_->legend);
  legendColumn->addElement(1, 0, new QCPLayoutElement(chart_));
  legendColumn->setRowStretchFactor(0, 0.001);
  legendColumn->setMargins(QMargins(0, 0, 0, 0));
  chart_->legend->setVisible(true);
  chart_->xAxis->setLabel(tr("Encoder layer"));
  chart_->xAxis->grid()->setVisible(false);
  chartLayout->addWidget(chart_);
  right->addWidget(chartBox, 1);

  auto* kindBox = new QGroupBox(tr("Parameters by module"), tab);
  auto* kindLayout = new QVBoxLayout(kindBox);
  kindModel_ = new ModuleKindTableModel(this);
  kindView_ = new QTableView(kindBox);
  kindView_->setObjectName(QStringLiteral("moduleKindTable"));
  kindView_->setAccessibleName(tr("Parameters by module"));
  kindView_->setModel(kindModel_);
  kindView_->verticalHeader()->hide();
  kindView_->setSelectionMode(QAbstractItemView::NoSelection);
  kindView_->setFocusPolicy(Qt::TabFocus);
  kindView_->setShowGrid(false);
  kindView_->setAlternatingRowColors(true);
  kindView_->setWordWrap(false);
  kindView_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  kindView_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // As tall as its rows, so the chart gets the rest of the height.
  kindView_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  kindView_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  kindView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  kindView_->horizontalHeader()->setSectionResizeMode(ModuleKindTableModel::KindColumn,
                                                      QHeaderView::Stretch);
  kindView_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  kindLayout->addWidget(kindView_);
  right->addWidget(kindBox, 0);
  layout->addLayout(right, 1);

  restyleChart();
  return tab;
}

QWidget* ModelDetailsWidget::createTensorsTab() {
  auto* tab = new QWidget(this);
  auto* layout = new QVBoxLayout(tab);
  auto* bar = new QHBoxLayout;
  tensorFilter_ = new QLineEdit(tab);
  tensorFilter_->setObjectName(QStringLiteral("tensorFilter"));
  tensorFilter_->setPlaceholderText(tr("Filter by name, module or layer…"));
  tensorFilter_->setAccessibleName(tr("Filter tensors"));
  tensorFilter_->setClearButtonEnabled(true);
  bar->addWidget(tensorFilter_, 1);
  tensorCount_ = new QLabel(tab);
  tensorCount_->setObjectName(QStringLiteral("tensorCount"));
  bar->addWidget(tensorCount_);
  layout->addLayout(bar);

  tensorModel_ = new ParameterListModel(this);
  tensorProxy_ = new QSortFilterProxyModel(this);
  tensorProxy_->setSourceModel(tensorModel_);
  tensorProxy_->setFilterKeyColumn(-1);
  tensorProxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  tensorProxy_->setSortRole(ParameterListModel::kSortRole);
  tensorView_ = new QTableView(tab);
  tensorView_->setObjectName(QStringLiteral("tensorTable"));
  tensorView_->setAccessibleName(tr("Tensors"));
  tensorView_->setModel(tensorProxy_);
  tensorView_->setSortingEnabled(true);
  tensorView_->sortByColumn(-1, Qt::AscendingOrder);  // checkpoint order until the user sorts
  tensorView_->verticalHeader()->hide();
  tensorView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  tensorView_->setAlternatingRowColors(true);
  tensorView_->setShowGrid(false);
  tensorView_->setWordWrap(false);
  tensorView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tensorView_->horizontalHeader()->setSectionResizeMode(ParameterListModel::NameColumn,
                                                        QHeaderView::Stretch);
  tensorView_->verticalHeader()->setDefaultSectionSize(tensorView_->fontMetrics().height() + 6);
  layout->addWidget(tensorView_, 1);

  connect(tensorFilter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    tensorProxy_->setFilterFixedString(text);
    updateTensorCount();
  });
  return tab;
}

void ModelDetailsWidget::addField(const QString& key, const QString& label) {
  auto* value = new QLabel(this);
  value->setObjectName(QStringLiteral("field_") + key);
  value->setAccessibleName(label);
  value->setTextInteractionFlags(Qt::TextSelectableByMouse);
  fields_.insert(key, value);
  fieldOrder_ << key;
}

void ModelDetailsWidget::setField(const QString& key, const QString& value,
                                  const QString& toolTip) {
  if (QLabel* label = fields_.value(key)) {
    label->setText(value);
    label->setToolTip(toolTip);
  }
}

QString ModelDetailsWidget::fieldValue(const QString& key) const {
  const QLabel* label = fields_.value(key);
  return label != nullptr ? label->text() : QString();
}

QStringList ModelDetailsWidget::fieldKeys() const { return fieldOrder_; }

QString ModelDetailsWidget::problemText() const { return problemText_->text(); }

ModelDetailsWidget::Page ModelDetailsWidget::page() const {
  return static_cast<Page>(pages_->currentIndex());
}

ModelDetailsWidget::Tab ModelDetailsWidget::currentTab() const {
  return static_cast<Tab>(tabs_->currentIndex());
}

void ModelDetailsWidget::setCurrentTab(Tab tab) { tabs_->setCurrentIndex(static_cast<int>(tab)); }

void ModelDetailsWidget::addEmptyPageAction(QAction* action) {
  auto* button = new QToolButton(this);
  button->setObjectName(QStringLiteral("emptyPageAction"));
  button->setDefaultAction(action);
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  emptyActions_->insertWidget(emptyActions_->count() - 1, button);
}

void ModelDetailsWidget::updateEmptyIcon() {
  // The application's icon when there is one (the app sets it), else the style's folder.
  constexpr int kIconSize = 96;
  const QIcon icon =
      windowIcon().isNull() ? style()->standardIcon(QStyle::SP_DirOpenIcon) : windowIcon();
  emptyIcon_->setPixmap(icon.pixmap(QSize(kIconSize, kIconSize), devicePixelRatioF()));
}

void ModelDetailsWidget::showEmpty() {
  updateEmptyIcon();
  layerSeries_.clear();
  kindModel_->clear();
  tensorModel_->setParameters({});
  pages_->setCurrentIndex(static_cast<int>(Page::Empty));
}

void ModelDetailsWidget::showEntry(const core::CatalogEntry& entry) {
  const QString title = QString::fromStdString(entry.displayName);
  if (entry.summary) {
    showSummary(title, *entry.summary);
  } else {
    showProblem(title, QString::fromStdString(entry.path.string()),
                QString::fromStdString(entry.problem));
  }
}

void ModelDetailsWidget::showProblem(const QString& title, const QString& path,
                                     const QString& problem) {
  const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
  problemIcon_->setPixmap(style()
                              ->standardIcon(QStyle::SP_MessageBoxWarning)
                              .pixmap(QSize(size, size), devicePixelRatioF()));
  problemTitle_->setText(title);
  problemPath_->setText(path);
  problemPath_->setToolTip(path);
  problemText_->setText(problem);
  layerSeries_.clear();
  kindModel_->clear();
  tensorModel_->setParameters({});
  pages_->setCurrentIndex(static_cast<int>(Page::Problem));
}

void ModelDetailsWidget::showSummary(const QString& title, const core::ModelSummary& summary) {
  title_->setText(title);
  const QString dir = QString::fromStdString(summary.files.dir.string());
  path_->setText(dir);
  path_->setToolTip(dir);
  subtitle_->setText(tr("%1 · %n layer(s) · %2 parameters · %3", nullptr,
                        static_cast<int>(summary.config.numHiddenLayers))
                         .arg(architectureName(summary.config.modelType),
                              compactCount(summary.totalParameters),
                              byteSize(summary.weightBytes)));
  fillArchitecture(summary);
  kindModel_->setSummary(summary);
  tensorModel_->setParameters(summary.parameters);
  updateTensorCount();
  fillChart(summary);
  pages_->setCurrentIndex(static_cast<int>(Page::Details));
}

void ModelDetailsWidget::fillArchitecture(const core::ModelSummary& summary) {
  const core::ModelConfig& config = summary.config;
  setField(QStringLiteral("architecture"), architectureName(config.modelType),
           tr("model_type \"%1\" in config.json").arg(QString::fromStdString(config.modelType)));
  setField(QStringLiteral("layers"), number(config.numHiddenLayers));
  setField(QStringLiteral("hiddenSize"), number(config.hiddenSize));
  setField(QStringLiteral("attentionHeads"),
           config.numAttentionHeads > 0
               ? tr("%1 × %2").arg(number(config.numAttentionHeads), number(config.headDim()))
               : number(config.numAttentionHeads),
           tr("heads × size of each head"));
  setField(QStringLiteral("intermediateSize"), number(config.intermediateSize));
  setField(QStringLiteral("activation"), QString::fromStdString(config.hiddenAct));
  setField(QStringLiteral("embeddingSize"), number(config.embeddingSize));
  setField(QStringLiteral("vocabSize"), number(config.vocabSize));
  setField(QStringLiteral("maxPositions"), number(config.maxPositionEmbeddings));
  setField(QStringLiteral("typeVocabSize"), number(config.typeVocabSize));
  setField(QStringLiteral("positionEmbeddings"),
           QString::fromStdString(config.positionEmbeddingType));
  setField(QStringLiteral("dropout"),
           tr("%1 hidden, %2 attention")
               .arg(decimal(config.hiddenDropoutProb), decimal(config.attentionProbsDropoutProb)));
  setField(QStringLiteral("layerNormEps"), decimal(config.layerNormEps));
  setField(QStringLiteral("tokenizer"), tokenizerName(summary.tokenizerKind));
  setField(QStringLiteral("head"),
           summary.hasClassifierHead
               ? tr("yes, %n label(s)", nullptr, static_cast<int>(config.numLabels))
               : tr("none (added when training)"));
  setField(QStringLiteral("parameters"), number(summary.totalParameters),
           tr("%1 tensors").arg(number(static_cast<qint64>(summary.parameters.size()))));
  QStringList shards;
  for (const auto& shard : summary.files.weightShards) {
    shards << QString::fromStdString(shard.filename().string());
  }
  setField(QStringLiteral("weights"),
           tr("%1 in %n file(s)", nullptr, static_cast<int>(shards.size()))
               .arg(byteSize(summary.weightBytes)),
           shards.join(QLatin1Char('\n')));
}

void ModelDetailsWidget::fillChart(const core::ModelSummary& summary) {
  const int layers = static_cast<int>(std::max<int64_t>(
      summary.config.numHiddenLayers, static_cast<int64_t>(summary.parametersPerLayer.size())));
  layerSeries_.clear();
  for (const core::ParameterInfo& parameter : summary.parameters) {
    const int layer = parameter.kind.layer;
    if (layer < 0 || layer >= layers) {
      continue;
    }
    auto& series = layerSeries_[parameter.kind.kind];
    series.resize(static_cast<size_t>(layers), 0);
    series[static_cast<size_t>(layer)] += parameter.numel;
  }

  qint64 maxStack = 0;
  for (int layer = 0; layer < layers; ++layer) {
    qint64 stack = 0;
    for (const auto& [kind, series] : layerSeries_) {
      stack += series[static_cast<size_t>(layer)];
    }
    maxStack = std::max(maxStack, stack);
  }
  QString unit;
  if (maxStack >= 10'000'000) {
    chartScale_ = 1e6;
    unit = tr("Parameters (millions)");
  } else if (maxStack >= 10'000) {
    chartScale_ = 1e3;
    unit = tr("Parameters (thousands)");
  } else {
    chartScale_ = 1.0;
    unit = tr("Parameters");
  }

  chart_->clearPlottables();
  QVector<double> keys;
  QVector<QString> labels;
  for (int layer = 0; layer < layers; ++layer) {
    keys << layer;
    labels << QString::number(layer);
  }
  QCPBars* below = nullptr;
  for (const core::ModuleKind kind : kLayerKinds) {
    const auto found = layerSeries_.find(kind);
    if (found == layerSeries_.end()) {
      continue;
    }
    auto* bars = new QCPBars(chart_->xAxis, chart_->yAxis);
    bars->setName(moduleKindLabel(kind));
    bars->setWidth(0.7);
    bars->setProperty("moduleKind", static_cast<int>(kind));
    QVector<double> values;
    for (const qint64 value : found->second) {
      values << static_cast<double>(value) / chartScale_;
    }
    bars->setData(keys, values, true);
    if (below != nullptr) {
      bars->moveAbove(below);
    }
    below = bars;
  }

  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  ticker->addTicks(keys, labels);
  chart_->xAxis->setTicker(ticker);
  chart_->xAxis->setRange(-0.6, std::max(layers, 1) - 0.4);
  chart_->yAxis->setLabel(unit);
  chart_->yAxis->setRange(0,
                          maxStack > 0 ? 1.08 * static_cast<double>(maxStack) / chartScale_ : 1.0);
  chart_->setAccessibleDescription(
      tr("%n encoder layer(s); the largest holds %1 parameters", nullptr, layers)
          .arg(number(maxStack)));
  restyleChart();
}

void ModelDetailsWidget::restyleChart() {
  if (chart_ == nullptr) {
    return;
  }
  const QPalette pal = palette();
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::Text);
  const QColor axis = blend(base, text, 0.55);
  const QColor grid = blend(base, text, 0.12);
  chart_->setBackground(base);
  for (QCPAxis* a : {chart_->xAxis, chart_->yAxis}) {
    a->setBasePen(QPen(axis, 1));
    a->setTickPen(QPen(axis, 1));
    a->setSubTickPen(QPen(axis, 1));
    a->setTickLabelColor(text);
    a->setLabelColor(text);
    a->setTickLabelFont(font());
    a->setLabelFont(font());
    a->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
    a->grid()->setZeroLinePen(QPen(axis, 1));
  }
  chart_->yAxis->setSubTicks(false);
  chart_->xAxis->setSubTicks(false);
  chart_->xAxis->setTickLength(0, 4);
  chart_->legend->setBrush(base);
  chart_->legend->setBorderPen(Qt::NoPen);
  chart_->legend->setTextColor(text);
  chart_->legend->setFont(font());
  chart_->legend->setIconSize(14, 10);
  for (int i = 0; i < chart_->plottableCount(); ++i) {
    auto* bars = qobject_cast<QCPBars*>(chart_->plottable(i));
    if (bars == nullptr) {
      continue;
    }
    const auto kind = static_cast<core::ModuleKind>(bars->property("moduleKind").toInt());
    const QColor color = moduleKindColor(kind, pal);
    bars->setBrush(color);
    bars->setPen(QPen(blend(color, base, 0.35), 1));
  }
  // Legend entries top to bottom in the order the bars stack, top first.
  chart_->legend->clearItems();
  for (int i = chart_->plottableCount() - 1; i >= 0; --i) {
    chart_->plottable(i)->addToLegend();
  }
  chart_->replot(QCustomPlot::rpQueuedReplot);
}

void ModelDetailsWidget::updateTensorCount() {
  const int shown = tensorProxy_->rowCount();
  const int total = tensorModel_->rowCount();
  tensorCount_->setText(
      shown == total ? tr("%n tensor(s)", nullptr, total)
                     : tr("%1 of %n tensor(s)", nullptr, total).arg(QLocale().toString(shown)));
}

bool ModelDetailsWidget::showChartToolTip(const QPoint& pos, const QPoint& globalPos) {
  if (layerSeries_.empty() || !chart_->axisRect()->rect().contains(pos)) {
    return false;
  }
  const double key = chart_->xAxis->pixelToCoord(pos.x());
  const int layer = qRound(key);
  if (std::abs(key - layer) > 0.35) {
    return false;
  }
  const double value = chart_->yAxis->pixelToCoord(pos.y()) * chartScale_;
  double stackTop = 0;
  qint64 layerTotal = 0;
  for (const auto& [kind, series] : layerSeries_) {
    if (layer >= 0 && layer < static_cast<int>(series.size())) {
      layerTotal += series[static_cast<size_t>(layer)];
    }
  }
  for (const core::ModuleKind kind : kLayerKinds) {
    const auto found = layerSeries_.find(kind);
    if (found == layerSeries_.end() || layer < 0 ||
        layer >= static_cast<int>(found->second.size())) {
      continue;
    }
    const qint64 count = found->second[static_cast<size_t>(layer)];
    stackTop += static_cast<double>(count);
    if (value <= stackTop && value >= 0) {
      const double share =
          layerTotal > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(layerTotal)
                         : 0.0;
      QToolTip::showText(
          globalPos,
          tr("Layer %1 · %2\n%3 parameters (%4 % of the layer)")
              .arg(layer)
              .arg(moduleKindLabel(kind), number(count), QLocale().toString(share, 'f', 1)),
          chart_);
      return true;
    }
  }
  return false;
}

bool ModelDetailsWidget::eventFilter(QObject* watched, QEvent* event) {
  if (watched == chart_ && event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    if (!showChartToolTip(help->pos(), help->globalPos())) {
      QToolTip::hideText();
    }
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void ModelDetailsWidget::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    restyleChart();
  }
  if (event->type() == QEvent::WindowIconChange) {
    updateEmptyIcon();
  }
}

}  // namespace childtune::widgets
