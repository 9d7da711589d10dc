#include "tokenizer_page.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStringList>
#include <QVBoxLayout>
#include <optional>
#include <string>

#include "childtune/error.h"
#include "childtune/widgets/message_banner.h"

namespace childtune::app {

namespace {

constexpr int kEncodeDelayMs = 40;  // typing pause before re-encoding
constexpr int kMaxLengthLimit = 1'000'000;

// Special-token spellings of the supported tokenizers; looked up in the vocabulary so that a
// user typing "[SEP]" into the text sees it as special, as transformers treats it.
constexpr const char* kSpecialTokenNames[] = {"[CLS]", "[SEP]", "[PAD]",  "[MASK]", "<s>",
                                              "</s>",  "<pad>", "<mask>", "<cls>",  "<sep>"};
constexpr const char* kUnknownTokenNames[] = {"[UNK]", "<unk>"};

widgets::SpecialTokenIds findSpecialIds(const core::Tokenizer& tokenizer) {
  widgets::SpecialTokenIds ids;
  for (const char* name : kUnknownTokenNames) {
    if (auto id = tokenizer.tokenToId(name)) {
      ids.unknown = *id;
      break;
    }
  }
  for (const char* name : kSpecialTokenNames) {
    if (auto id = tokenizer.tokenToId(name)) {
      ids.special.insert(*id);
    }
  }
  ids.special.insert(tokenizer.padId());
  // Whatever the template adds around an empty pair is special too, whatever its spelling.
  try {
    core::EncodeOptions options;
    options.truncation = core::TruncationStrategy::DoNotTruncate;
    const core::Encoding empty = tokenizer.encode("", std::string_view(), options);
    ids.special.insert(empty.ids.begin(), empty.ids.end());
  } catch (const std::exception&) {
    // A tokenizer that refuses empty input still has the named specials above.
  }
  if (ids.unknown) {
    ids.special.erase(*ids.unknown);
  }
  return ids;
}

QString describe(const std::exception& error) {
  if (const auto* ctError = dynamic_cast<const childtune::Error*>(&error)) {
    QString text = QString::fromStdString(ctError->message());
    if (!ctError->hint().empty()) {
      text += QStringLiteral(" — ") + QString::fromStdString(ctError->hint());
    }
    return text;
  }
  return QString::fromLocal8Bit(error.what());
}

QString joinIds(const std::vector<int64_t>& values) {
  QStringList parts;
  parts.reserve(static_cast<qsizetype>(values.size()));
  for (const int64_t value : values) {
    parts << QString::number(value);
  }
  return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QPlainTextEdit* makeInput(const QString& placeholder, int lines, QWidget* parent) {
  auto* edit = new QPlainTextEdit(parent);
  edit->setPlaceholderText(placeholder);
  edit->setTabChangesFocus(true);
  const QFontMetrics metrics(edit->font());
  const int frame = 2 * edit->frameWidth() + 8;
  edit->setFixedHeight(metrics.lineSpacing() * lines + frame);
  return edit;
}

}  // namespace

TokenizerPage::TokenizerPage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("tokenizerPage"));
  setAccessibleName(tr("Tokenizer"));
  encodeTimer_.setSingleShot(true);
  encodeTimer_.setInterval(kEncodeDelayMs);
  connect(&encodeTimer_, &QTimer::timeout, this, [this] { encode(); });

  auto* layout = new QVBoxLayout(this);

  modelLabel_ = new QLabel(this);
  modelLabel_->setObjectName(QStringLiteral("tokenizerModel"));
  QFont headingFont = modelLabel_->font();
  headingFont.setBold(true);
  modelLabel_->setFont(headingFont);
  modelLabel_->setWordWrap(true);
  layout->addWidget(modelLabel_);

  auto* inputBox = new QGroupBox(tr("Input"), this);
  auto* grid = new QGridLayout(inputBox);
  text_ = makeInput(tr("Type or paste text to tokenize…"), 3, inputBox);
  text_->setObjectName(QStringLiteral("tokenizerText"));
  text_->setAccessibleName(tr("Text"));
  auto* textLabel = new QLabel(tr("&Text:"), inputBox);
  textLabel->setBuddy(text_);
  grid->addWidget(textLabel, 0, 0, Qt::AlignTop | Qt::AlignRight);
  grid->addWidget(text_, 0, 1);

  pair_ = makeInput(tr("Optional second segment, e.g. the hypothesis of an NLI pair"), 2, inputBox);
  pair_->setObjectName(QStringLiteral("tokenizerPair"));
  pair_->setAccessibleName(tr("Pair text"));
  auto* pairLabel = new QLabel(tr("&Pair:"), inputBox);
  pairLabel->setBuddy(pair_);
  grid->addWidget(pairLabel, 1, 0, Qt::AlignTop | Qt::AlignRight);
  grid->addWidget(pair_, 1, 1);

  auto* options = new QHBoxLayout;
  maxLength_ = new QSpinBox(inputBox);
  maxLength_->setObjectName(QStringLiteral("tokenizerMaxLength"));
  maxLength_->setAccessibleName(tr("Maximum length"));
  maxLength_->setRange(1, kMaxLengthLimit);
  maxLength_->setValue(128);
  maxLength_->setToolTip(tr("Maximum number of tokens, special tokens included"));
  auto* maxLengthLabel = new QLabel(tr("&Max length:"), inputBox);
  maxLengthLabel->setBuddy(maxLength_);
  options->addWidget(maxLengthLabel);
  options->addWidget(maxLength_);
  maxLengthHint_ = new QLabel(inputBox);
  maxLengthHint_->setObjectName(QStringLiteral("tokenizerMaxLengthHint"));
  maxLengthHint_->setForegroundRole(QPalette::PlaceholderText);
  maxLengthHint_->setTextFormat(Qt::RichText);
  options->addWidget(maxLengthHint_);
  options->addStretch(1);
  grid->addLayout(options, 2, 1);

  // Second row, so the page still fits a small window in languages with longer words.
  auto* strategy = new QHBoxLayout;
  truncation_ = new QComboBox(inputBox);
  truncation_->setObjectName(QStringLiteral("tokenizerTruncation"));
  truncation_->setAccessibleName(tr("Truncation strategy"));
  truncation_->addItem(tr("Longest first"),
                       static_cast<int>(core::TruncationStrategy::LongestFirst));
  truncation_->addItem(tr("Only first"), static_cast<int>(core::TruncationStrategy::OnlyFirst));
  truncation_->addItem(tr("Only second"), static_cast<int>(core::TruncationStrategy::OnlySecond));
  truncation_->addItem(tr("Do not truncate"),
                       static_cast<int>(core::TruncationStrategy::DoNotTruncate));
  truncation_->setToolTip(
      tr("Which segment loses tokens when the input is too long, as "
         "transformers' truncation= argument"));
  auto* truncationLabel = new QLabel(tr("T&runcation:"), inputBox);
  truncationLabel->setBuddy(truncation_);
  strategy->addWidget(truncationLabel);
  strategy->addWidget(truncation_);
  strategy->addSpacing(16);

  addSpecial_ = new QCheckBox(tr("Add &special tokens"), inputBox);
  addSpecial_->setObjectName(QStringLiteral("tokenizerAddSpecial"));
  addSpecial_->setChecked(true);
  strategy->addWidget(addSpecial_);
  strategy->addStretch(1);
  grid->addLayout(strategy, 3, 1);
  grid->setColumnStretch(1, 1);
  layout->addWidget(inputBox);

  problem_ = new widgets::MessageBanner(this);
  problem_->setObjectName(QStringLiteral("tokenizerProblem"));
  layout->addWidget(problem_);

  auto* tokensBox = new QGroupBox(tr("Tokens"), this);
  auto* tokensLayout = new QVBoxLayout(tokensBox);
  auto* tokensBar = new QHBoxLayout;
  counts_ = new QLabel(tokensBox);
  counts_->setObjectName(QStringLiteral("tokenizerCounts"));
  counts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  counts_->setWordWrap(true);
  tokensBar->addWidget(counts_, 1);
  tokensBar->addWidget(new widgets::TokenLegendWidget(tokensBox));
  tokensBar->addSpacing(8);
  copyIds_ = new QPushButton(tr("&Copy ids"), tokensBox);
  copyIds_->setObjectName(QStringLiteral("tokenizerCopyIds"));
  copyIds_->setToolTip(tr("Copy the input ids as a list, e.g. [101, 7592, 102]"));
  copyIds_->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  tokensBar->addWidget(copyIds_);
  tokensLayout->addLayout(tokensBar);

  tokenView_ = new widgets::TokenViewWidget(tokensBox);
  auto* scroll = new QScrollArea(tokensBox);
  scroll->setObjectName(QStringLiteral("tokenScroll"));
  scroll->setWidget(tokenView_);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setBackgroundRole(QPalette::Base);
  scroll->setMinimumHeight(tokenView_->minimumSizeHint().height() + 2 * scroll->frameWidth());
  tokensLayout->addWidget(scroll, 1);
  layout->addWidget(tokensBox, 3);

  auto* idsBox = new QGroupBox(tr("Model inputs"), this);
  auto* idsLayout = new QVBoxLayout(idsBox);
  ids_ = new QPlainTextEdit(idsBox);
  ids_->setObjectName(QStringLiteral("tokenizerIds"));
  ids_->setAccessibleName(tr("Model inputs"));
  ids_->setReadOnly(true);
  ids_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  ids_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  ids_->setMinimumHeight(QFontMetrics(ids_->font()).lineSpacing() * 3 + 2 * ids_->frameWidth() + 8);
  idsLayout->addWidget(ids_);
  layout->addWidget(idsBox, 2);

  connect(text_, &QPlainTextEdit::textChanged, this, [this] { scheduleEncode(); });
  connect(pair_, &QPlainTextEdit::textChanged, this, [this] { scheduleEncode(); });
  connect(maxLength_, &QSpinBox::valueChanged, this, [this] {
    updateMaxLengthHint();
    scheduleEncode();
  });
  connect(truncation_, &QComboBox::currentIndexChanged, this, [this] {
    updateInputState();
    scheduleEncode();
  });
  connect(addSpecial_, &QCheckBox::toggled, this, [this] { scheduleEncode(); });
  connect(copyIds_, &QPushButton::clicked, this, [this] { copyIds(); });

  clearTokenizer(tr("Select a model to load its tokenizer."));
}

TokenizerPage::~TokenizerPage() = default;

QString TokenizerPage::kindName(core::TokenizerKind kind) {
  switch (kind) {
    case core::TokenizerKind::WordPiece:
      return tr("WordPiece");
    case core::TokenizerKind::ByteLevelBpe:
      return tr("byte-level BPE");
    case core::TokenizerKind::Unigram:
      return tr("Unigram");
  }
  return {};
}

void TokenizerPage::setTokenizer(std::shared_ptr<const core::Tokenizer> tokenizer,
                                 const QString& modelName, qint64 maxPositions) {
  tokenizer_ = std::move(tokenizer);
  if (!tokenizer_) {
    clearTokenizer(tr("No tokenizer."));
    return;
  }
  specialIds_ = findSpecialIds(*tokenizer_);
  const QString kind = kindName(tokenizer_->kind());
  modelLabel_->setText(tr("Tokenizer of %1: %2, %3 tokens in the vocabulary")
                           .arg(modelName, kind, QLocale().toString(tokenizer_->vocabSize())));
  maxPositions_ = maxPositions;
  updateInputState();
  encodeNow();
}

void TokenizerPage::clearTokenizer(const QString& reason) {
  tokenizer_.reset();
  specialIds_ = {};
  encoding_ = {};
  error_.clear();
  encodeTimer_.stop();
  modelLabel_->setText(tr("No tokenizer loaded"));
  maxPositions_ = 0;
  problem_->dismiss();
  tokenView_->setPlaceholderText(reason);
  tokenView_->clear();
  ids_->clear();
  counts_->clear();
  updateInputState();
}

QString TokenizerPage::text() const { return text_->toPlainText(); }
void TokenizerPage::setText(const QString& text) { text_->setPlainText(text); }
QString TokenizerPage::pairText() const { return pair_->toPlainText(); }
void TokenizerPage::setPairText(const QString& text) { pair_->setPlainText(text); }
int TokenizerPage::maxLength() const { return maxLength_->value(); }
void TokenizerPage::setMaxLength(int maxLength) { maxLength_->setValue(maxLength); }
bool TokenizerPage::addSpecialTokens() const { return addSpecial_->isChecked(); }
void TokenizerPage::setAddSpecialTokens(bool add) { addSpecial_->setChecked(add); }

core::TruncationStrategy TokenizerPage::truncation() const {
  return static_cast<core::TruncationStrategy>(truncation_->currentData().toInt());
}

void TokenizerPage::setTruncation(core::TruncationStrategy strategy) {
  const int index = truncation_->findData(static_cast<int>(strategy));
  if (index >= 0) {
    truncation_->setCurrentIndex(index);
  }
}

void TokenizerPage::updateInputState() {
  maxLength_->setEnabled(truncation() != core::TruncationStrategy::DoNotTruncate);
  copyIds_->setEnabled(tokenizer_ != nullptr && !encoding_.ids.empty());
  updateMaxLengthHint();
}

void TokenizerPage::updateMaxLengthHint() {
  if (maxPositions_ <= 0) {
    maxLengthHint_->clear();
    return;
  }
  const QString positions = QLocale().toString(maxPositions_);
  if (maxLength_->value() > maxPositions_ &&
      truncation() != core::TruncationStrategy::DoNotTruncate) {
    // The model cannot take more tokens than it has position embeddings.
    maxLengthHint_->setText(
        QStringLiteral("<span style=\"color:#d62728\">%1</span>")
            .arg(tr("more than the %1 positions the model has").arg(positions).toHtmlEscaped()));
  } else {
    maxLengthHint_->setText(tr("(the model takes up to %1)").arg(positions).toHtmlEscaped());
  }
}

void TokenizerPage::scheduleEncode() {
  if (tokenizer_) {
    encodeTimer_.start();
  }
}

void TokenizerPage::encodeNow() {
  encodeTimer_.stop();
  encode();
}

void TokenizerPage::encode() {
  if (!tokenizer_) {
    return;
  }
  const std::string text = text_->toPlainText().toStdString();
  const std::string pair = pair_->toPlainText().toStdString();
  const bool hasPair = !pair.empty();
  const std::optional<std::string_view> pairView =
      hasPair ? std::optional<std::string_view>(pair) : std::nullopt;
  core::EncodeOptions options;
  options.maxLength = maxLength_->value();
  options.truncation = truncation();
  options.addSpecialTokens = addSpecial_->isChecked();
  qint64 untruncatedLength = 0;
  try {
    encoding_ = tokenizer_->encode(text, pairView, options);
    if (options.truncation == core::TruncationStrategy::DoNotTruncate) {
      untruncatedLength = static_cast<qint64>(encoding_.ids.size());
    } else {
      core::EncodeOptions whole = options;
      whole.truncation = core::TruncationStrategy::DoNotTruncate;
      untruncatedLength = static_cast<qint64>(tokenizer_->encode(text, pairView, whole).ids.size());
    }
  } catch (const std::exception& error) {
    encoding_ = {};
    error_ = describe(error);
    problem_->showMessage(widgets::MessageBanner::Level::Error,
                          tr("Cannot encode this input: %1").arg(error_));
    tokenView_->setPlaceholderText(tr("No tokens: the tokenizer rejected the input."));
    tokenView_->clear();
    ids_->clear();
    counts_->clear();
    updateInputState();
    return;
  }
  error_.clear();
  problem_->dismiss();
  showEncoding(hasPair, untruncatedLength);
}

void TokenizerPage::showEncoding(bool hasPair, qint64 untruncatedLength) {
  const QVector<widgets::TokenChip> chips =
      widgets::makeTokenChips(encoding_, specialIds_, hasPair);
  tokenView_->setPlaceholderText(tr("No tokens."));
  tokenView_->setChips(chips);

  ids_->setPlainText(QStringLiteral("input_ids:      %1\ntoken_type_ids: %2\nattention_mask: %3")
                         .arg(joinIds(encoding_.ids), joinIds(encoding_.typeIds),
                              joinIds(encoding_.attentionMask)));

  int special = 0;
  int unknown = 0;
  int segmentTokens[2] = {0, 0};
  for (const widgets::TokenChip& chip : chips) {
    if (chip.kind == widgets::TokenKind::Special) {
      ++special;
    } else {
      unknown += chip.kind == widgets::TokenKind::Unknown ? 1 : 0;
      ++segmentTokens[chip.segment == 0 ? 0 : 1];
    }
  }
  const int total = static_cast<int>(chips.size());
  QStringList parts;
  parts << tr("%n token(s)", nullptr, total);
  if (hasPair) {
    parts << tr("%1 from the text, %2 from the pair").arg(segmentTokens[0]).arg(segmentTokens[1]);
  }
  parts << tr("%1 special").arg(special);
  parts << tr("%1 unknown").arg(unknown);
  if (untruncatedLength > total) {
    parts << tr("truncated from %1").arg(untruncatedLength);
  }
  counts_->setText(parts.join(QStringLiteral(" · ")));
  updateInputState();
}

QString TokenizerPage::idsText() const { return joinIds(encoding_.ids); }

QString TokenizerPage::countsText() const { return counts_->text(); }

void TokenizerPage::copyIds() {
  if (encoding_.ids.empty()) {
    return;
  }
  QApplication::clipboard()->setText(idsText());
  Q_EMIT idsCopied(static_cast<int>(encoding_.ids.size()));
}

}  // namespace childtune::app
