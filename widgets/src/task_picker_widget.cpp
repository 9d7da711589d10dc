#include "childtune/widgets/task_picker_widget.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <vector>

#include "childtune/error.h"
#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

QString fromPath(const std::filesystem::path& path) {
  return QDir::toNativeSeparators(QString::fromStdString(path.string()));
}

QString elideCell(const std::string& text) {
  QString cell = QString::fromStdString(text);
  constexpr int kMaxChars = 160;
  if (cell.size() > kMaxChars) {
    cell = cell.left(kMaxChars) + QStringLiteral("…");
  }
  return cell;
}

}  // namespace

TaskPickerWidget::TaskPickerWidget(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("taskPicker"));
  combo_ = new QComboBox(this);
  combo_->setObjectName(QStringLiteral("taskCombo"));
  for (const core::TaskSpec& spec : core::allTasks()) {
    combo_->addItem(QString::fromStdString(spec.name), QString::fromStdString(spec.name));
  }
  description_ = new QLabel(this);
  description_->setObjectName(QStringLiteral("taskDescription"));
  description_->setWordWrap(true);
  facts_ = new QLabel(this);
  facts_->setObjectName(QStringLiteral("taskFacts"));
  facts_->setWordWrap(true);
  location_ = new QLabel(this);
  location_->setObjectName(QStringLiteral("taskDataLocation"));
  location_->setWordWrap(true);
  location_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  locate_ = new QPushButton(this);
  locate_->setObjectName(QStringLiteral("locateDataButton"));
  download_ = new QPushButton(this);
  download_->setObjectName(QStringLiteral("downloadDataButton"));
  locateProblem_ = new QLabel(this);
  locateProblem_->setObjectName(QStringLiteral("locateProblem"));
  locateProblem_->setWordWrap(true);
  locateProblem_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  locateProblem_->hide();
  previewTitle_ = new QLabel(this);
  preview_ = new QTableWidget(this);
  preview_->setObjectName(QStringLiteral("taskPreview"));
  preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  preview_->setSelectionBehavior(QAbstractItemView::SelectRows);
  preview_->verticalHeader()->hide();
  preview_->horizontalHeader()->setStretchLastSection(false);
  preview_->setWordWrap(false);
  preview_->setMinimumHeight(120);

  auto* locationRow = new QHBoxLayout;
  locationRow->addWidget(location_, 1);
  locationRow->addWidget(locate_, 0, Qt::AlignTop);
  locationRow->addWidget(download_, 0, Qt::AlignTop);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(combo_);
  layout->addWidget(description_);
  layout->addWidget(facts_);
  layout->addLayout(locationRow);
  layout->addWidget(locateProblem_);
  layout->addWidget(previewTitle_);
  layout->addWidget(preview_, 1);

  connect(combo_, &QComboBox::currentIndexChanged, this, [this] {
    showLocateProblem({});
    update();
    Q_EMIT currentTaskChanged(currentTask());
  });
  connect(locate_, &QPushButton::clicked, this, [this] { promptLocate(); });
  connect(download_, &QPushButton::clicked, this,
          [this] { Q_EMIT downloadRequested(currentTask()); });
  retranslate();
  update();
}

void TaskPickerWidget::retranslate() {
  combo_->setToolTip(tr("The benchmark task to fine-tune on."));
  combo_->setAccessibleName(tr("Task"));
  locate_->setText(tr("Locate…"));
  locate_->setToolTip(tr("Choose the folder that holds the GLUE tasks (<TASK>/train.tsv, …)."));
  locate_->setAccessibleName(tr("Locate the GLUE data folder"));
  download_->setText(tr("Download…"));
  download_->setToolTip(
      tr("Download the official GLUE data of this task into the app's data folder."));
  download_->setAccessibleName(tr("Download the task's data"));
  locateProblem_->setAccessibleName(tr("Why the located folder cannot be used"));
  preview_->setAccessibleName(tr("Preview of the task's first rows"));
  description_->setAccessibleName(tr("Task description"));
  location_->setAccessibleName(tr("Where the task's data was found"));
}

void TaskPickerWidget::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    update();
  }
}

const core::TaskSpec* TaskPickerWidget::task() const {
  return core::findTask(combo_->currentData().toString().toStdString());
}

QString TaskPickerWidget::currentTask() const { return combo_->currentData().toString(); }

bool TaskPickerWidget::setCurrentTask(const QString& name) {
  const core::TaskSpec* spec = core::findTask(name.toStdString());
  if (spec == nullptr) {
    return false;
  }
  combo_->setCurrentIndex(combo_->findData(QString::fromStdString(spec->name)));
  return true;
}

QString TaskPickerWidget::glueDir() const {
  if (!located_.isEmpty()) {
    return located_;
  }
  const auto found = core::findGlueDir();
  return found ? QString::fromStdString(found->string()) : QString();
}

void TaskPickerWidget::setLocatedGlueDir(const QString& dir) {
  if (dir == located_) {
    return;
  }
  located_ = dir;
  update();
  Q_EMIT glueDirChanged(glueDir());
}

void TaskPickerWidget::refresh() { update(); }

QString TaskPickerWidget::locationText() const { return location_->text(); }

void TaskPickerWidget::promptLocate() {
  const QString start = glueDir().isEmpty() ? QDir::homePath() : glueDir();
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Locate the GLUE Data Folder"),
                                                        start, QFileDialog::ShowDirsOnly);
  if (!dir.isEmpty()) {
    locateFolder(dir);
  }
}

QString TaskPickerWidget::locateFolder(const QString& dir) {
  const core::TaskSpec* spec = task();
  if (spec == nullptr) {
    return {};
  }
  // The chosen folder may be the GLUE folder, the data root above it (<root>/glue), or the task's
  // own folder. A preset's folder lies next to glue/ (taskDirectory() resolves <glue>/../snli
  // lexically, so glue/ need not exist). The parent is only tried for the task's own folder, and
  // for a preset a folder only counts as the GLUE folder when it is named glue: otherwise any
  // folder next to a good one would pass.
  const std::filesystem::path chosen = QDir::cleanPath(dir).toStdString();
  const bool isTaskFolder = chosen.filename() == spec->folder;
  std::vector<std::filesystem::path> candidates;
  if (spec->glue) {
    candidates = {chosen, chosen / "glue"};
    if (isTaskFolder) {
      candidates.push_back(chosen.parent_path());
    }
  } else {
    // <x>/glue first: choosing data/snli must not make data/snli the "GLUE folder".
    candidates = {chosen / "glue"};
    if (isTaskFolder) {
      candidates.push_back(chosen.parent_path() / "glue");
    }
    if (chosen.filename() == "glue") {
      candidates.push_back(chosen);
    }
  }
  for (const std::filesystem::path& candidate : candidates) {
    if (core::taskAvailability(candidate, *spec).trainable(*spec)) {
      showLocateProblem({});
      setLocatedGlueDir(QString::fromStdString(candidate.string()));
      Q_EMIT folderLocated(located_);
      return {};
    }
  }
  const core::Split evalSplit = spec->evalSplits.empty() ? core::Split::Dev : spec->evalSplits[0];
  QStringList expected;
  for (const core::Split split : {core::Split::Train, evalSplit}) {
    if (const core::SplitFile* file = spec->file(split)) {
      expected << QDir::toNativeSeparators(QString::fromStdString(spec->folder) + QLatin1Char('/') +
                                           QString::fromStdString(file->fileName));
    }
  }
  showLocateProblem(tr("%1 holds no %2 data. Choose the folder that contains %3 (or the %4 "
                       "folder itself).")
                        .arg(QDir::toNativeSeparators(QDir::cleanPath(dir)), currentTask(),
                             expected.join(QStringLiteral(", ")),
                             QString::fromStdString(spec->folder)));
  return locateError_;
}

void TaskPickerWidget::showLocateProblem(const QString& problem) {
  locateError_ = problem;
  if (problem.isEmpty()) {
    locateProblem_->hide();
    locateProblem_->clear();
    return;
  }
  const QColor error = blend(palette().color(QPalette::Text), QColor(0xd3, 0x2f, 0x2f), 0.8);
  locateProblem_->setText(QStringLiteral("<span style=\"color:%1\">⚠ %2</span>")
                              .arg(error.name(), problem.toHtmlEscaped()));
  locateProblem_->show();
}

void TaskPickerWidget::update() {
  const core::TaskSpec* spec = task();
  preview_->clear();
  preview_->setRowCount(0);
  preview_->setColumnCount(0);
  previewError_.clear();
  trainable_ = false;
  download_->setVisible(false);
  if (spec == nullptr) {
    return;
  }
  description_->setText(QString::fromStdString(spec->description));
  QStringList metrics;
  for (const core::Metric metric : spec->metrics) {
    metrics << QString::fromUtf8(core::displayName(metric).data());
  }
  const QLocale locale;
  const auto rows = [&](core::Split split) {
    const core::SplitFile* file = spec->file(split);
    return file != nullptr ? locale.toString(static_cast<qlonglong>(file->officialRows))
                           : tr("none");
  };
  const core::Split evalSplit = spec->evalSplits.empty() ? core::Split::Dev : spec->evalSplits[0];
  facts_->setText(tr("Metric: %1 · train %2 · %3 %4 · %n label(s)", nullptr, spec->numLabels)
                      .arg(metrics.join(QStringLiteral(" / ")), rows(core::Split::Train),
                           QString::fromUtf8(core::toString(evalSplit).data()), rows(evalSplit)));

  // Where the data is: the located folder, else $CHILDTUNE_GLUE_DIR / the app's data folder.
  const QString dir = glueDir();
  QString origin;
  if (!located_.isEmpty()) {
    origin = tr("the folder you located");
  } else if (!qEnvironmentVariableIsEmpty("CHILDTUNE_GLUE_DIR") &&
             QDir(qEnvironmentVariable("CHILDTUNE_GLUE_DIR")) == QDir(dir)) {
    origin = QStringLiteral("$CHILDTUNE_GLUE_DIR");
  } else {
    origin = tr("the app's data folder");
  }
  const QString actions = spec->glue ? tr("Locate… / Download…") : tr("Locate…");
  std::optional<core::TaskAvailability> availability;
  if (!dir.isEmpty()) {
    availability = core::taskAvailability(dir.toStdString(), *spec);
  }
  if (availability && availability->trainable(*spec)) {
    trainable_ = true;
    location_->setText(tr("Data: %1 (from %2)").arg(fromPath(availability->dir), origin));
  } else if (availability && availability->any()) {
    QStringList missing;
    for (const core::SplitStatus& status : availability->splits) {
      if (!status.present) {
        missing << QString::fromStdString(status.file.filename().string());
      }
    }
    location_->setText(
        tr("Data incomplete in %1: %2 missing — %3")
            .arg(fromPath(availability->dir), missing.join(QStringLiteral(", ")), actions));
  } else {
    location_->setText(
        dir.isEmpty()
            ? tr("Data not found — %1 (or set $CHILDTUNE_GLUE_DIR)").arg(actions)
            : tr("Data not found in %1 — %2").arg(QDir::toNativeSeparators(dir), actions));
  }
  // Only GLUE tasks have official archives to fetch; SNLI and IMDB are located.
  download_->setVisible(!trainable_ && spec->glue);

  previewTitle_->setText(
      tr("First rows of the %1 split:").arg(QString::fromUtf8(core::toString(evalSplit).data())));
  if (!availability || !availability->has(evalSplit)) {
    previewTitle_->setVisible(false);
    preview_->setVisible(false);
    return;
  }
  previewTitle_->setVisible(true);
  preview_->setVisible(true);
  core::LoadedSplit loaded;
  try {
    // The evaluation split: far smaller than train (MNLI: 9.8 k vs 393 k rows), so reading it
    // whole for eight rows stays fast enough for the GUI thread.
    loaded = core::loadTaskSplit(dir.toStdString(), *spec, evalSplit);
  } catch (const std::exception& error) {
    const auto* ctError = dynamic_cast<const childtune::Error*>(&error);
    previewError_ = ctError != nullptr ? QString::fromStdString(ctError->message())
                                       : QString::fromLocal8Bit(error.what());
    previewTitle_->setText(tr("Cannot read the preview: %1").arg(previewError_));
    preview_->setVisible(false);
    return;
  }
  const bool pair = std::any_of(loaded.examples.begin(), loaded.examples.end(),
                                [](const core::Example& e) { return e.pair.has_value(); });
  QStringList headers{tr("Text")};
  if (pair) {
    headers << tr("Pair");
  }
  headers << tr("Label");
  preview_->setColumnCount(static_cast<int>(headers.size()));
  preview_->setHorizontalHeaderLabels(headers);
  const int count =
      static_cast<int>(std::min<size_t>(loaded.examples.size(), static_cast<size_t>(kPreviewRows)));
  preview_->setRowCount(count);
  for (int row = 0; row < count; ++row) {
    const core::Example& example = loaded.examples[static_cast<size_t>(row)];
    int column = 0;
    preview_->setItem(row, column++, new QTableWidgetItem(elideCell(example.text)));
    if (pair) {
      preview_->setItem(row, column++, new QTableWidgetItem(elideCell(example.pair.value_or(""))));
    }
    QString label;
    if (spec->kind == core::TaskKind::Regression) {
      label = locale.toString(example.score, 'f', 2);
    } else if (example.label >= 0 && static_cast<size_t>(example.label) < spec->labelNames.size()) {
      label = QString::fromStdString(spec->labelNames[static_cast<size_t>(example.label)]);
    } else if (example.label >= 0) {
      label = QString::number(example.label);
    }
    preview_->setItem(row, column, new QTableWidgetItem(label));
  }
  preview_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  for (int c = 0; c + 1 < preview_->columnCount(); ++c) {
    preview_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Stretch);
  }
  preview_->horizontalHeader()->setSectionResizeMode(preview_->columnCount() - 1,
                                                     QHeaderView::ResizeToContents);
}

}  // namespace childtune::widgets
