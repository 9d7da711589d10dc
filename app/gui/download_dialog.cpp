#include "download_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

#include "childtune/error.h"
#include "childtune/widgets/palette_colors.h"

namespace childtune::app {
namespace {

constexpr qint64 kSpeedWindowMs = 5000;
constexpr int kBarSteps = 1000;

QString qs(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

}  // namespace

DownloadDialog::DownloadDialog(Kind kind, QWidget* parent, int /*tag*/)
    : QDialog(parent), kind_(kind) {
  buildUi();
}

DownloadDialog::DownloadDialog(Kind kind, QWidget* parent) : DownloadDialog(kind, parent, 0) {
  if (kind == Kind::Model) {
    hub_ = new HubDownloader(HubSettings::fromEnvironment(), this);
  } else {
    try {
      glue_ = new GlueDownloader(defaultGlueDir(), GlueSources{}, this);
    } catch (const Error& e) {
      error_->setText(QString::fromStdString(e.what()));
      error_->show();
      downloadButton_->setEnabled(false);
    }
  }
  setBusy(false);
}

DownloadDialog::DownloadDialog(HubSettings settings, QWidget* parent)
    : DownloadDialog(Kind::Model, parent, 0) {
  hub_ = new HubDownloader(std::move(settings), this);
  setBusy(false);
}

DownloadDialog::DownloadDialog(std::filesystem::path glueDir, GlueSources sources, QWidget* parent)
    : DownloadDialog(Kind::Glue, parent, 0) {
  glue_ = new GlueDownloader(std::move(glueDir), std::move(sources), this);
  setBusy(false);
}

DownloadDialog::~DownloadDialog() = default;

void DownloadDialog::buildUi() {
  const bool model = kind_ == Kind::Model;
  setWindowTitle(model ? tr("Download a Model") : tr("Download GLUE Data"));
  setAccessibleName(windowTitle());
  setMinimumWidth(520);

  intro_ = new QLabel(this);
  intro_->setWordWrap(true);

  nameBox_ = new QComboBox(this);
  if (model) {
    nameBox_->setEditable(true);
    nameBox_->addItems({QStringLiteral("bert-base-uncased"), QStringLiteral("bert-large-cased"),
                        QStringLiteral("roberta-large"),
                        QStringLiteral("google/electra-large-discriminator"),
                        QStringLiteral("sentence-transformers/all-MiniLM-L6-v2")});
    nameBox_->setCurrentText(QString());
    nameBox_->lineEdit()->setPlaceholderText(
        tr("Hub name, e.g. roberta-large or google/electra-large-discriminator"));
    nameBox_->setAccessibleName(tr("Model name"));
    nameBox_->setToolTip(tr("The name of the model on the Hugging Face hub (organization/name)"));
  } else {
    for (const QString& task : GlueDownloader::downloadableTasks()) {
      nameBox_->addItem(task, task);
    }
    nameBox_->addItem(tr("All GLUE tasks"), QStringLiteral("all"));
    nameBox_->setAccessibleName(tr("GLUE task"));
    nameBox_->setToolTip(tr("The GLUE task whose data to download"));
  }
  auto* form = new QFormLayout;
  form->addRow(model ? tr("&Model:") : tr("&Task:"), nameBox_);

  bar_ = new QProgressBar(this);
  bar_->setRange(0, kBarSteps);
  bar_->setValue(0);
  bar_->setTextVisible(false);
  bar_->setAccessibleName(tr("Download progress"));
  status_ = new QLabel(this);
  status_->setAccessibleName(tr("Download status"));
  detail_ = new QLabel(this);
  detail_->setAccessibleName(tr("Transferred, speed and time left"));
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setAccessibleName(tr("Download error"));
  QPalette errorPalette = error_->palette();
  // A red that stays readable on light and dark palettes.
  errorPalette.setColor(QPalette::WindowText, widgets::isDark(palette())
                                                  ? QColor(0xff, 0x8a, 0x80)
                                                  : QColor(0xb0, 0x00, 0x20));
  error_->setPalette(errorPalette);
  error_->hide();

  buttons_ = new QDialogButtonBox(this);
  downloadButton_ = buttons_->addButton(tr("&Download"), QDialogButtonBox::ActionRole);
  downloadButton_->setAccessibleName(tr("Start download"));
  downloadButton_->setDefault(true);
  cancelButton_ = buttons_->addButton(QDialogButtonBox::Close);
  connect(downloadButton_, &QPushButton::clicked, this, &DownloadDialog::startDownload);
  connect(cancelButton_, &QPushButton::clicked, this, [this] {
    if (isDownloading()) {
      cancelDownload();
    } else {
      reject();
    }
  });

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro_);
  layout->addLayout(form);
  layout->addWidget(bar_);
  layout->addWidget(status_);
  layout->addWidget(detail_);
  layout->addWidget(error_);
  layout->addStretch();
  layout->addWidget(buttons_);
}

void DownloadDialog::setName(const QString& name) {
  if (kind_ == Kind::Model) {
    nameBox_->setCurrentText(name);
    return;
  }
  const int index = nameBox_->findData(name, Qt::UserRole, Qt::MatchFixedString);
  if (index >= 0) {
    nameBox_->setCurrentIndex(index);
  }
}

QString DownloadDialog::name() const {
  return kind_ == Kind::Model ? nameBox_->currentText().trimmed()
                              : nameBox_->currentData().toString();
}

bool DownloadDialog::isDownloading() const {
  return (hub_ != nullptr && hub_->running()) || (glue_ != nullptr && glue_->running());
}

QString DownloadDialog::errorText() const { return error_->text(); }

QString DownloadDialog::statusText() const { return status_->text(); }

void DownloadDialog::setBusy(bool busy) {
  nameBox_->setEnabled(!busy);
  downloadButton_->setEnabled(!busy && (hub_ != nullptr || glue_ != nullptr));
  cancelButton_->setText(busy ? tr("&Cancel") : tr("&Close"));
  cancelButton_->setAccessibleName(busy ? tr("Cancel download") : tr("Close"));
  if (hub_ != nullptr) {
    const HubSettings& s = hub_->settings();
    intro_->setText(
        tr("Fetches config.json, the tokenizer files and the safetensors weights from "
           "%1 into the Hugging Face cache (%2). Interrupted downloads resume.%3")
            .arg(s.endpoint.toDisplayString(), qs(s.hubCache),
                 s.token.isEmpty() ? QString() : tr(" Gated models use the token in HF_TOKEN.")));
  } else if (glue_ != nullptr) {
    intro_->setText(tr("Fetches the official GLUE data (as download_glue_data.py does) into %1.")
                        .arg(qs(glue_->glueDir())));
  }
}

void DownloadDialog::startDownload() {
  if (isDownloading() || (hub_ == nullptr && glue_ == nullptr)) {
    return;
  }
  startedName_ = name();
  if (kind_ == Kind::Model) {
    const QString problem = HubDownloader::checkRepoId(startedName_);
    if (!problem.isEmpty()) {
      error_->setText(problem);
      error_->show();
      return;
    }
  }
  error_->clear();
  error_->hide();
  bar_->setRange(0, 0);  // busy until the first sizes arrive
  status_->setText(tr("Starting…"));
  detail_->clear();
  samples_.clear();
  clock_.start();
  setBusy(true);
  if (hub_ != nullptr) {
    hub_->disconnect(this);
    connect(hub_, &HubDownloader::progressChanged, this, &DownloadDialog::onProgress);
    connect(hub_, &HubDownloader::failed, this, &DownloadDialog::onFailed);
    connect(hub_, &HubDownloader::succeeded, this, [this](const QString& snapshot) {
      onFinished(tr("%1 is ready in %2").arg(startedName_, snapshot));
      Q_EMIT modelDownloaded(startedName_, snapshot);
    });
    hub_->start(startedName_);
  } else {
    glue_->disconnect(this);
    connect(glue_, &GlueDownloader::progressChanged, this, &DownloadDialog::onProgress);
    connect(glue_, &GlueDownloader::failed, this, &DownloadDialog::onFailed);
    connect(glue_, &GlueDownloader::taskReady, this, &DownloadDialog::glueTaskDownloaded);
    connect(glue_, &GlueDownloader::succeeded, this,
            [this] { onFinished(tr("GLUE data is ready in %1").arg(qs(glue_->glueDir()))); });
    const QStringList tasks = startedName_ == QLatin1String("all")
                                  ? GlueDownloader::downloadableTasks()
                                  : QStringList{startedName_};
    glue_->start(tasks);
  }
}

void DownloadDialog::onProgress(const TransferProgress& progress) {
  const qint64 now = clock_.elapsed();
  samples_.append({now, progress.bytesThisSession});
  while (samples_.size() > 2 && now - samples_.first().first > kSpeedWindowMs) {
    samples_.removeFirst();
  }
  double speed = -1;
  if (samples_.size() >= 2) {
    const qint64 ms = samples_.last().first - samples_.first().first;
    const qint64 bytes = samples_.last().second - samples_.first().second;
    if (ms >= 500) {
      speed = 1000.0 * static_cast<double>(bytes) / static_cast<double>(ms);
    }
  }
  if (progress.bytesTotal > 0) {
    bar_->setRange(0, kBarSteps);
    bar_->setValue(static_cast<int>(
        std::lround(kBarSteps * std::min(1.0, static_cast<double>(progress.bytesDone) /
                                                  static_cast<double>(progress.bytesTotal)))));
  } else {
    bar_->setRange(0, 0);
  }
  status_->setText(progress.itemCount > 1 ? tr("%1 %2 (%3 of %4)")
                                                .arg(progress.phase, progress.item)
                                                .arg(progress.itemIndex)
                                                .arg(progress.itemCount)
                                          : tr("%1 %2").arg(progress.phase, progress.item));
  detail_->setText(formatTransfer(progress.bytesDone, progress.bytesTotal, speed));
}

void DownloadDialog::onFailed(const QString& message) {
  setBusy(false);
  bar_->setRange(0, kBarSteps);
  status_->setText(tr("Download failed"));
  error_->setText(message);
  error_->show();
}

void DownloadDialog::onFinished(const QString& message) {
  setBusy(false);
  bar_->setRange(0, kBarSteps);
  bar_->setValue(kBarSteps);
  status_->setText(message);
  detail_->clear();
}

void DownloadDialog::cancelDownload() {
  if (hub_ != nullptr) {
    hub_->cancel();
  }
  if (glue_ != nullptr) {
    glue_->cancel();
  }
  setBusy(false);
  bar_->setRange(0, kBarSteps);
  status_->setText(tr("Cancelled. Partial files were kept: Download resumes them."));
}

void DownloadDialog::reject() {
  if (isDownloading()) {
    cancelDownload();
  }
  QDialog::reject();
}

QString DownloadDialog::formatDuration(qint64 seconds) {
  if (seconds < 60) {
    return tr("%1 s").arg(seconds);
  }
  if (seconds < 3600) {
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
  }
  return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString DownloadDialog::formatTransfer(qint64 done, qint64 total, double bytesPerSecond) {
  const QLocale locale;
  QString text =
      total >= 0
          ? tr("%1 of %2").arg(locale.formattedDataSize(done), locale.formattedDataSize(total))
          : locale.formattedDataSize(done);
  if (bytesPerSecond > 0) {
    text += QStringLiteral(" · ") +
            tr("%1/s").arg(locale.formattedDataSize(static_cast<qint64>(bytesPerSecond)));
    if (total > done) {
      const auto left =
          static_cast<qint64>(std::ceil(static_cast<double>(total - done) / bytesPerSecond));
      text += QStringLiteral(" · ") + tr("%1 left").arg(formatDuration(left));
    }
  }
  return text;
}

}  // namespace childtune::app
