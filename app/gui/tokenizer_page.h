#pragma once
// The Tokenizer view: text and optional pair, max length, truncation strategy and special
// tokens; re-encodes live as the user types and shows the tokens as chips, the id vectors and
// counts. Holds the selected model's tokenizer.

#include <QString>
#include <QTimer>
#include <QWidget>
#include <memory>

#include "childtune/tokenizer.h"
#include "childtune/widgets/token_view_widget.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace childtune::widgets {
class MessageBanner;
}

namespace childtune::app {

class TokenizerPage : public QWidget {
  Q_OBJECT

 public:
  explicit TokenizerPage(QWidget* parent = nullptr);
  ~TokenizerPage() override;

  // Uses `tokenizer` (shared with the main window) for the model called `modelName`;
  // `maxPositions` bounds nothing but is shown as a hint next to the max length.
  void setTokenizer(std::shared_ptr<const core::Tokenizer> tokenizer, const QString& modelName,
                    qint64 maxPositions);
  // No tokenizer: the inputs stay editable, the output area explains `reason`.
  void clearTokenizer(const QString& reason);
  // "WordPiece", "byte-level BPE", "Unigram", translated; the status bar shows it too.
  static QString kindName(core::TokenizerKind kind);
  bool hasTokenizer() const { return tokenizer_ != nullptr; }

  QString text() const;
  void setText(const QString& text);
  QString pairText() const;
  void setPairText(const QString& text);
  int maxLength() const;
  void setMaxLength(int maxLength);
  core::TruncationStrategy truncation() const;
  void setTruncation(core::TruncationStrategy strategy);
  bool addSpecialTokens() const;
  void setAddSpecialTokens(bool add);

  // Encodes now instead of after the typing pause.
  void encodeNow();
  const core::Encoding& encoding() const { return encoding_; }
  // The message of the last failed encode; empty after a successful one.
  QString errorText() const { return error_; }
  // "[101, 7592, 102]": what Copy ids puts on the clipboard (pastes as a Python list).
  QString idsText() const;
  QString countsText() const;

  widgets::TokenViewWidget* tokenView() const { return tokenView_; }
  QPushButton* copyIdsButton() const { return copyIds_; }

 Q_SIGNALS:
  // After Copy ids, for the status bar.
  void idsCopied(int count);

 private:
  void scheduleEncode();
  void encode();
  void showEncoding(bool hasPair, qint64 untruncatedLength);
  void copyIds();
  void updateInputState();
  void updateMaxLengthHint();

  std::shared_ptr<const core::Tokenizer> tokenizer_;
  widgets::SpecialTokenIds specialIds_;
  qint64 maxPositions_ = 0;  // of the model; 0 when unknown
  core::Encoding encoding_;
  QString error_;
  QTimer encodeTimer_;

  QLabel* modelLabel_ = nullptr;
  QPlainTextEdit* text_ = nullptr;
  QPlainTextEdit* pair_ = nullptr;
  QSpinBox* maxLength_ = nullptr;
  QLabel* maxLengthHint_ = nullptr;
  QComboBox* truncation_ = nullptr;
  QCheckBox* addSpecial_ = nullptr;
  QLabel* counts_ = nullptr;
  QPushButton* copyIds_ = nullptr;
  widgets::MessageBanner* problem_ = nullptr;
  widgets::TokenViewWidget* tokenView_ = nullptr;
  QPlainTextEdit* ids_ = nullptr;
};

}  // namespace childtune::app
