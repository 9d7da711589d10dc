// ModelCatalogModel and the ModelPickerWidget over it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeView>

#include "childtune/widgets/model_catalog_model.h"
#include "childtune/widgets/model_picker_widget.h"
#include "childtune/widgets/palette_colors.h"
#include "gui_test_support.h"
#include "support/test_env.h"

namespace childtune::widgets {
namespace {

namespace fs = std::filesystem;
using Catalog = ModelCatalogModel;
using ::testing::HasSubstr;

QString qs(const fs::path& path) { return QString::fromStdString(path.string()); }

std::vector<core::CatalogEntry> sampleEntries(const fs::path& root) {
  core::CatalogEntry usable;
  usable.path = root / "alpha";
  usable.displayName = "alpha";
  usable.source = core::ModelSource::ChildTuneHome;
  usable.summary = test::syntheticSummary();

  core::CatalogEntry pickled;
  pickled.path = root / "pickled";
  pickled.displayName = "pickled";
  pickled.source = core::ModelSource::UserFolder;
  pickled.problem =
      "only pytorch_model.bin (a Python pickle) was found — convert it to <safetensors>\n"
      "second line";

  core::CatalogEntry hub;
  hub.path = root / "hub" / "models--org--beta" / "snapshots" / "abc";
  hub.displayName = "org/beta";
  hub.source = core::ModelSource::HuggingFaceCache;
  hub.summary = test::syntheticSummary();
  hub.summary->config.numHiddenLayers = 12;
  return {usable, pickled, hub};
}

class CatalogModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(tmp_ / "alpha");
    fs::create_directories(tmp_ / "pickled");
    model_.setEntries(sampleEntries(tmp_.path()));
  }
  QVariant data(int row, int column, int role = Qt::DisplayRole) const {
    return model_.data(model_.index(row, column), role);
  }

  test::TempDir tmp_;
  Catalog model_;
};

TEST_F(CatalogModelTest, HasOneRowPerEntryAndNamedColumns) {
  EXPECT_EQ(model_.rowCount(), 3);
  EXPECT_EQ(model_.columnCount(), Catalog::ColumnCount);
  EXPECT_EQ(model_.rowCount(model_.index(0, 0)), 0);  // a flat table
  for (int column = 0; column < Catalog::ColumnCount; ++column) {
    EXPECT_FALSE(model_.headerData(column, Qt::Horizontal).toString().isEmpty()) << column;
  }
  EXPECT_EQ(model_.headerData(Catalog::NameColumn, Qt::Horizontal).toString(), "Model");
}

TEST_F(CatalogModelTest, ShowsNameSourceParametersAndStatus) {
  const core::ModelSummary summary = test::syntheticSummary();
  EXPECT_EQ(data(0, Catalog::NameColumn).toString(), "alpha");
  EXPECT_EQ(data(0, Catalog::SourceColumn).toString(), "ChildTune");
  EXPECT_EQ(data(2, Catalog::SourceColumn).toString(), "Hugging Face cache");
  EXPECT_EQ(data(1, Catalog::SourceColumn).toString(), "Added folder");
  EXPECT_EQ(data(0, Catalog::ParametersColumn).toString(), compactCount(summary.totalParameters));
  EXPECT_EQ(data(0, Catalog::ParametersColumn, Catalog::SortRole).toLongLong(),
            summary.totalParameters);
  EXPECT_THAT(data(0, Catalog::StatusColumn).toString().toStdString(), HasSubstr("BERT"));
  EXPECT_THAT(data(2, Catalog::StatusColumn).toString().toStdString(), HasSubstr("12"));
  EXPECT_EQ(data(0, Catalog::PathColumn).toString(), qs(tmp_ / "alpha"));
}

TEST_F(CatalogModelTest, ShowsWhyAModelIsUnusable) {
  EXPECT_FALSE(data(1, 0, Catalog::UsableRole).toBool());
  EXPECT_TRUE(data(0, 0, Catalog::UsableRole).toBool());
  // The status column and the picker's summary line show the first line of the problem.
  EXPECT_EQ(data(1, Catalog::StatusColumn).toString(),
            QString::fromUtf8("only pytorch_model.bin (a Python pickle) was found — convert it "
                              "to <safetensors>"));
  EXPECT_EQ(data(1, 0, Catalog::SummaryRole).toString(), data(1, Catalog::StatusColumn));
  EXPECT_TRUE(data(1, Catalog::ParametersColumn).toString().isEmpty());
  EXPECT_EQ(data(1, Catalog::ParametersColumn, Catalog::SortRole).toLongLong(), -1);
  // The tooltip has all of it, HTML-escaped.
  const std::string tip = data(1, Catalog::NameColumn, Qt::ToolTipRole).toString().toStdString();
  EXPECT_THAT(tip, HasSubstr("&lt;safetensors&gt;"));
  EXPECT_THAT(tip, HasSubstr("second line"));
  EXPECT_THAT(tip, HasSubstr(qs(tmp_ / "pickled").toStdString()));
  EXPECT_EQ(data(1, 0, Catalog::ProblemRole).toString().toStdString(), model_.entryAt(1)->problem);
  // Unusable rows are dimmed (except the status); usable rows use the default colour.
  EXPECT_TRUE(data(1, Catalog::NameColumn, Qt::ForegroundRole).isValid());
  EXPECT_FALSE(data(1, Catalog::StatusColumn, Qt::ForegroundRole).isValid());
  EXPECT_FALSE(data(0, Catalog::NameColumn, Qt::ForegroundRole).isValid());
  EXPECT_TRUE(data(1, Catalog::StatusColumn, Qt::DecorationRole).isValid());
}

TEST_F(CatalogModelTest, SummaryLineAndShortSource) {
  const std::string line = data(0, 0, Catalog::SummaryRole).toString().toStdString();
  EXPECT_THAT(line, HasSubstr("BERT"));
  EXPECT_THAT(line,
              HasSubstr(compactCount(test::syntheticSummary().totalParameters).toStdString()));
  EXPECT_EQ(data(0, 0, Catalog::ShortSourceRole).toString(), "ChildTune");
  EXPECT_EQ(data(2, 0, Catalog::ShortSourceRole).toString(), "HF cache");
  EXPECT_EQ(data(1, 0, Catalog::ShortSourceRole).toString(), "Added");
  EXPECT_THAT(data(2, 0, Qt::AccessibleDescriptionRole).toString().toStdString(),
              HasSubstr("Hugging Face cache"));
}

TEST_F(CatalogModelTest, FindsRowsByPathAfterNormalising) {
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "alpha")), 0);
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "alpha") + "/"), 0);
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "pickled" / ".." / "alpha")), 0);
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "pickled")), 1);
  // A folder that does not exist (the hub snapshot here) is still found by its clean path.
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "hub" / "models--org--beta" / "snapshots" / "abc")), 2);
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "gamma")), -1);
  EXPECT_EQ(model_.rowForPath(QString()), -1);
  fs::create_directory_symlink(tmp_ / "alpha", tmp_ / "alias");
  EXPECT_EQ(model_.rowForPath(qs(tmp_ / "alias")), 0);
}

TEST_F(CatalogModelTest, EntryAtChecksTheRange) {
  ASSERT_NE(model_.entryAt(2), nullptr);
  EXPECT_EQ(model_.entryAt(2)->displayName, "org/beta");
  EXPECT_EQ(model_.entryAt(-1), nullptr);
  EXPECT_EQ(model_.entryAt(3), nullptr);
  EXPECT_FALSE(model_.data(model_.index(5, 0)).isValid());
}

TEST_F(CatalogModelTest, SetEntriesResetsTheModel) {
  QSignalSpy reset(&model_, &QAbstractItemModel::modelReset);
  model_.setEntries({});
  EXPECT_EQ(reset.count(), 1);
  EXPECT_EQ(model_.rowCount(), 0);
}

class ModelPickerTest : public CatalogModelTest {};

TEST_F(ModelPickerTest, SelectingAPathEmitsTheChange) {
  ModelPickerWidget picker(&model_);
  QSignalSpy changed(&picker, &ModelPickerWidget::currentModelChanged);
  EXPECT_TRUE(picker.selectPath(qs(tmp_ / "pickled")));
  ASSERT_EQ(changed.count(), 1);
  EXPECT_EQ(changed.at(0).at(0).toString(), qs(tmp_ / "pickled"));
  EXPECT_EQ(picker.currentPath(), qs(tmp_ / "pickled"));
  EXPECT_TRUE(picker.selectPath(qs(tmp_ / "pickled")));  // no change, no signal
  EXPECT_EQ(changed.count(), 1);
  EXPECT_FALSE(picker.selectPath(qs(tmp_ / "unknown")));
  EXPECT_EQ(picker.currentPath(), qs(tmp_ / "pickled"));
}

TEST_F(ModelPickerTest, ShowsOnlyTheNameColumnWithTheSummaryBelow) {
  ModelPickerWidget picker(&model_);
  EXPECT_FALSE(picker.view()->isColumnHidden(Catalog::NameColumn));
  for (int column = 1; column < Catalog::ColumnCount; ++column) {
    EXPECT_TRUE(picker.view()->isColumnHidden(column)) << column;
  }
  picker.resize(320, 400);
  picker.show();
  const QModelIndex first = picker.proxyModel()->index(0, 0);
  // Two lines per row: the name and the summary.
  EXPECT_GT(picker.view()->visualRect(first).height(), 2 * picker.fontMetrics().height());
  const QPixmap pixmap = picker.grab();
  EXPECT_FALSE(pixmap.isNull());
}

TEST_F(ModelPickerTest, FilterHidesRowsAndSelectingAHiddenRowClearsIt) {
  ModelPickerWidget picker(&model_);
  picker.filterEdit()->setText("beta");
  EXPECT_EQ(picker.proxyModel()->rowCount(), 1);
  picker.filterEdit()->setText("ALPHA");  // case-insensitive
  EXPECT_EQ(picker.proxyModel()->rowCount(), 1);
  picker.filterEdit()->setText("pytorch_model");  // the problem text is searched too
  EXPECT_EQ(picker.proxyModel()->rowCount(), 1);
  EXPECT_TRUE(picker.selectPath(qs(tmp_ / "alpha")));
  EXPECT_TRUE(picker.filterEdit()->text().isEmpty());
  EXPECT_EQ(picker.proxyModel()->rowCount(), 3);
}

TEST_F(ModelPickerTest, ExplainsAnEmptyListAndAFilterWithoutMatches) {
  ModelPickerWidget picker(&model_);
  EXPECT_FALSE(picker.isShowingEmptyText());
  picker.filterEdit()->setText("zzz");
  EXPECT_TRUE(picker.isShowingEmptyText());
  const auto* label = picker.findChild<QLabel*>("modelListEmpty");
  ASSERT_NE(label, nullptr);
  EXPECT_THAT(label->text().toStdString(), HasSubstr("zzz"));
  picker.filterEdit()->clear();
  EXPECT_FALSE(picker.isShowingEmptyText());
  picker.setEmptyText("Put models into /somewhere");
  model_.setEntries({});
  EXPECT_TRUE(picker.isShowingEmptyText());
  EXPECT_EQ(label->text(), "Put models into /somewhere");
}

TEST_F(ModelPickerTest, KeepsTheSelectionAcrossARefresh) {
  ModelPickerWidget picker(&model_);
  ASSERT_TRUE(picker.selectPath(qs(tmp_ / "pickled")));
  QSignalSpy changed(&picker, &ModelPickerWidget::currentModelChanged);
  auto entries = sampleEntries(tmp_.path());
  std::swap(entries[0], entries[2]);  // same models, another order
  model_.setEntries(entries);
  EXPECT_EQ(changed.count(), 0);
  EXPECT_EQ(picker.currentPath(), qs(tmp_ / "pickled"));
  const QModelIndex current = picker.view()->currentIndex();
  EXPECT_EQ(current.data(Catalog::PathRole).toString(), qs(tmp_ / "pickled"));

  entries.erase(entries.begin() + 1);  // the selected model is gone
  model_.setEntries(entries);
  ASSERT_EQ(changed.count(), 1);
  EXPECT_TRUE(changed.at(0).at(0).toString().isEmpty());
  EXPECT_TRUE(picker.currentPath().isEmpty());
}

}  // namespace
}  // namespace childtune::widgets
