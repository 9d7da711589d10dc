// `childtune-cli runs ...`: the run store from the command line (list, show, compare, export,
// delete, resume).

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/run_store.h"
#include "cli_args.h"
#include "commands.h"

namespace childtune::app::cli {

namespace {

using nlohmann::ordered_json;

std::string formatTime(std::optional<int64_t> ms) {
  if (!ms) {
    return "-";
  }
  const std::time_t t = static_cast<std::time_t>(*ms / 1000);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
  return buf;
}

std::string formatNumber(double v, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string lastComponent(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') {
    p.pop_back();
  }
  const auto slash = p.find_last_of('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

int64_t parseRunId(const std::string& text) {
  try {
    size_t used = 0;
    const long long id = std::stoll(text, &used);
    if (used == text.size() && id > 0) {
      return id;
    }
  } catch (const std::exception&) {
  }
  throw UsageError("a run id is a positive integer, got '" + text + "'");
}

ordered_json metricsJson(const std::vector<std::pair<std::string, double>>& metrics) {
  ordered_json j = ordered_json::object();
  for (const auto& [name, value] : metrics) {
    j[name] = value;
  }
  return j;
}

ordered_json recordJson(const core::RunRecord& r) {
  ordered_json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["status"] = std::string(core::toString(r.status));
  j["task"] = r.task;
  j["method"] = r.method;
  j["model"] = r.modelDir;
  j["seed"] = r.seed;
  j["created_ms"] = r.createdMs;
  j["started_ms"] = r.startedMs ? ordered_json(*r.startedMs) : ordered_json(nullptr);
  j["finished_ms"] = r.finishedMs ? ordered_json(*r.finishedMs) : ordered_json(nullptr);
  j["steps"] = r.lastStep;
  j["total_steps"] = r.totalSteps;
  j["train_examples"] = r.trainExamples;
  j["final_combined"] = r.finalCombined ? ordered_json(*r.finalCombined) : ordered_json(nullptr);
  j["final_metrics"] = metricsJson(r.finalMetrics);
  j["weights_sha256"] = r.weightsSha256;
  ordered_json files = ordered_json::object();
  for (const auto& [path, sha] : r.dataFiles) {
    files[path] = sha;
  }
  j["data_files"] = files;
  j["device"] = r.device;
  j["program_version"] = r.programVersion;
  j["error"] = r.errorText;
  j["tags"] = r.tags;
  j["notes"] = r.notes;
  j["config"] = ordered_json::parse(r.configJson, nullptr, false);
  return j;
}

ordered_json evaluationJson(const core::EvalStats& e) {
  return {{"step", e.step},         {"epoch", e.epoch},
          {"split", e.split},       {"metrics", metricsJson(e.metrics)},
          {"combined", e.combined}, {"loss", e.loss}};
}

// Pads/cuts columns for a plain-text table.
void printRow(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string cell = cells[i];
    if (i + 1 < cells.size()) {
      if (cell.size() > widths[i]) {
        cell = cell.substr(0, widths[i] - 1) + "~";
      }
      cell.resize(widths[i], ' ');
      cell += "  ";
    }
    line += cell;
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }
  std::cout << line << "\n";
}

std::optional<core::RunSort> parseSort(const std::string& text) {
  static const std::map<std::string, core::RunSort> kSorts = {
      {"created", core::RunSort::Created}, {"task", core::RunSort::Task},
      {"method", core::RunSort::Method},   {"status", core::RunSort::Status},
      {"model", core::RunSort::Model},     {"score", core::RunSort::FinalScore},
      {"name", core::RunSort::Name}};
  const auto it = kSorts.find(text);
  return it == kSorts.end() ? std::nullopt : std::optional(it->second);
}

int runsList(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"store", true},
                                 {"task", true},
                                 {"method", true},
                                 {"status", true},
                                 {"tag", true},
                                 {"model", true},
                                 {"sort", true},
                                 {"asc", false},
                                 {"limit", true},
                                 {"json", false}});
  if (!parsed.positional().empty()) {
    throw UsageError("runs list takes no positional arguments, got '" + parsed.positional()[0] +
                     "'");
  }
  core::RunFilter filter;
  filter.task = parsed.value("task");
  filter.method = parsed.value("method");
  filter.tag = parsed.value("tag");
  filter.model = parsed.value("model");
  if (const auto s = parsed.value("status")) {
    filter.status = core::parseRunStatus(*s);
    if (!filter.status) {
      throw UsageError(
          "option --status must be queued, running, finished, failed, stopped or "
          "interrupted, got '" +
          *s + "'");
    }
  }
  if (const auto s = parsed.value("sort")) {
    const auto sort = parseSort(*s);
    if (!sort) {
      throw UsageError(
          "option --sort must be created, task, method, status, model, score or "
          "name, got '" +
          *s + "'");
    }
    filter.sort = *sort;
  }
  filter.descending = !parsed.flag("asc");
  filter.limit = parsed.intValue("limit", 1, 1LL << 40).value_or(0);

  core::RunStore store(storePathFrom(parsed));
  const auto runs = store.listRuns(filter);
  if (parsed.flag("json")) {
    ordered_json out = ordered_json::array();
    for (const auto& r : runs) {
      out.push_back(recordJson(r));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (runs.empty()) {
    std::cerr << "no runs in " << store.path().string() << "\n";
    return 0;
  }
  const std::vector<size_t> widths = {5, 11, 6, 11, 6, 11, 7, 16, 20, 0};
  printRow({"ID", "STATUS", "TASK", "METHOD", "SEED", "STEPS", "FINAL", "CREATED", "MODEL", "NAME"},
           widths);
  for (const auto& r : runs) {
    printRow(
        {std::to_string(r.id), std::string(core::toString(r.status)), r.task, r.method,
         std::to_string(r.seed), std::to_string(r.lastStep) + "/" + std::to_string(r.totalSteps),
         r.finalCombined ? formatNumber(*r.finalCombined) : "-", formatTime(r.createdMs),
         lastComponent(r.modelDir), r.name},
        widths);
  }
  return 0;
}

int runsShow(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"store", true}, {"json", false}});
  if (parsed.positional().size() != 1) {
    throw UsageError("runs show needs exactly one run id");
  }
  const int64_t id = parseRunId(parsed.positional()[0]);
  core::RunStore store(storePathFrom(parsed));
  const auto r = store.run(id);
  const auto evals = store.evaluations(id);
  const auto checkpoints = store.checkpoints(id);
  const auto fisher = store.fisherSummary(id);
  const auto masks = store.masks(id);
  if (parsed.flag("json")) {
    ordered_json j = recordJson(r);
    ordered_json ev = ordered_json::array();
    for (const auto& e : evals) {
      ev.push_back(evaluationJson(e));
    }
    j["evaluations"] = ev;
    ordered_json ck = ordered_json::array();
    for (const auto& c : checkpoints) {
      ck.push_back({{"step", c.step}, {"dir", c.dir}});
    }
    j["checkpoints"] = ck;
    if (fisher) {
      j["child_network"] = {{"p_d", fisher->pD},
                            {"threshold", fisher->threshold},
                            {"selected", fisher->selected},
                            {"total", fisher->total}};
    }
    j["masks"] = masks.size();
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "run " << r.id << (r.name.empty() ? "" : " (" + r.name + ")") << ": "
            << core::toString(r.status) << "\n"
            << "  task " << r.task << ", method " << r.method << ", seed " << r.seed << "\n"
            << "  model " << r.modelDir << "\n";
  if (!r.weightsSha256.empty()) {
    std::cout << "  weights sha256 " << r.weightsSha256 << "\n";
  }
  for (const auto& [path, sha] : r.dataFiles) {
    std::cout << "  data " << path << " sha256 " << sha << "\n";
  }
  std::cout << "  created " << formatTime(r.createdMs) << ", started " << formatTime(r.startedMs)
            << ", ended " << formatTime(r.finishedMs) << "\n"
            << "  steps " << r.lastStep << "/" << r.totalSteps << ", " << r.trainExamples
            << " training examples";
  if (!r.device.empty()) {
    std::cout << ", " << r.device;
  }
  if (!r.programVersion.empty()) {
    std::cout << ", ChildTune " << r.programVersion;
  }
  std::cout << "\n";
  if (!r.errorText.empty()) {
    std::cout << "  error: " << r.errorText << "\n";
  }
  if (!r.finalMetrics.empty()) {
    std::cout << "  final:";
    for (const auto& [name, value] : r.finalMetrics) {
      std::cout << " " << name << " " << formatNumber(value);
    }
    std::cout << "\n";
  }
  if (fisher) {
    std::cout << "  child network: " << fisher->selected << " of " << fisher->total
              << " elements (p_D " << fisher->pD << "), " << masks.size() << " masks stored\n";
  }
  for (const auto& e : evals) {
    std::cout << "  eval step " << e.step << " " << e.split << ":";
    for (const auto& [name, value] : e.metrics) {
      std::cout << " " << name << " " << formatNumber(value);
    }
    std::cout << " (loss " << formatNumber(e.loss) << ")\n";
  }
  for (const auto& c : checkpoints) {
    std::cout << "  checkpoint step " << c.step << ": " << c.dir << "\n";
  }
  if (!r.tags.empty()) {
    std::cout << "  tags:";
    for (const auto& t : r.tags) {
      std::cout << " " << t;
    }
    std::cout << "\n";
  }
  if (!r.notes.empty()) {
    std::cout << "  notes: " << r.notes << "\n";
  }
  std::cout << "  config " << r.configJson << "\n";
  return 0;
}

int runsCompare(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"store", true}, {"json", false}});
  if (parsed.positional().size() < 2) {
    throw UsageError("runs compare needs at least two run ids");
  }
  std::vector<int64_t> ids;
  for (const auto& p : parsed.positional()) {
    ids.push_back(parseRunId(p));
  }
  core::RunStore store(storePathFrom(parsed));
  const auto cmp = store.compare(ids);
  // Evaluation curves side by side: the main (first) split of each run, by step.
  std::set<int64_t> stepSet;
  std::vector<std::map<int64_t, double>> scores(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto evals = store.evaluations(ids[i]);
    const std::string split = evals.empty() ? "" : evals.front().split;
    for (const auto& e : evals) {
      if (e.split == split) {
        scores[i][e.step] = e.combined;
        stepSet.insert(e.step);
      }
    }
  }
  if (parsed.flag("json")) {
    ordered_json j;
    ordered_json runs = ordered_json::array();
    for (const auto& r : cmp.runs) {
      runs.push_back(recordJson(r));
    }
    j["runs"] = runs;
    ordered_json diffs = ordered_json::array();
    for (const auto& d : cmp.differences) {
      ordered_json values = ordered_json::array();
      for (const auto& v : d.values) {
        values.push_back(ordered_json::parse(v, nullptr, false));
      }
      diffs.push_back({{"key", d.key}, {"values", values}});
    }
    j["differences"] = diffs;
    j["same_except_seed"] = cmp.sameExceptSeed();
    ordered_json curves = ordered_json::array();
    for (size_t i = 0; i < ids.size(); ++i) {
      ordered_json points = ordered_json::array();
      for (const auto& [step, score] : scores[i]) {
        points.push_back({step, score});
      }
      curves.push_back({{"id", ids[i]}, {"combined_by_step", points}});
    }
    j["curves"] = curves;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::vector<size_t> widths(ids.size() + 1, 14);
  widths[0] = 18;
  std::vector<std::string> header = {""};
  for (const auto id : ids) {
    header.push_back("run " + std::to_string(id));
  }
  printRow(header, widths);
  auto row = [&](const std::string& label, auto valueOf) {
    std::vector<std::string> cells = {label};
    for (const auto& r : cmp.runs) {
      cells.push_back(valueOf(r));
    }
    printRow(cells, widths);
  };
  row("status", [](const core::RunRecord& r) { return std::string(core::toString(r.status)); });
  row("task", [](const core::RunRecord& r) { return r.task; });
  row("method", [](const core::RunRecord& r) { return r.method; });
  row("seed", [](const core::RunRecord& r) { return std::to_string(r.seed); });
  row("steps", [](const core::RunRecord& r) { return std::to_string(r.lastStep); });
  std::vector<std::string> metricNames;
  for (const auto& r : cmp.runs) {
    for (const auto& [name, value] : r.finalMetrics) {
      if (std::find(metricNames.begin(), metricNames.end(), name) == metricNames.end()) {
        metricNames.push_back(name);
      }
    }
  }
  for (const auto& name : metricNames) {
    row("final " + name, [&](const core::RunRecord& r) {
      for (const auto& [n, v] : r.finalMetrics) {
        if (n == name) {
          return formatNumber(v);
        }
      }
      return std::string("-");
    });
  }
  if (cmp.differences.empty()) {
    std::cout << "\nconfigurations: identical apart from the seed\n";
  } else {
    std::cout << "\nconfiguration differences (seed, out_dir, threads and checkpoint settings "
                 "ignored):\n";
    for (const auto& d : cmp.differences) {
      std::vector<std::string> cells = {d.key};
      cells.insert(cells.end(), d.values.begin(), d.values.end());
      printRow(cells, widths);
    }
  }
  if (!stepSet.empty()) {
    std::cout << "\ncombined dev score by step:\n";
    for (const auto step : stepSet) {
      std::vector<std::string> cells = {"step " + std::to_string(step)};
      for (const auto& s : scores) {
        const auto it = s.find(step);
        cells.push_back(it == s.end() ? "-" : formatNumber(it->second));
      }
      printRow(cells, widths);
    }
  }
  return 0;
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

std::string csvNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

int runsExport(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"store", true}, {"format", true}, {"table", true}});
  if (parsed.positional().size() != 1) {
    throw UsageError("runs export needs exactly one run id");
  }
  const int64_t id = parseRunId(parsed.positional()[0]);
  const std::string format = parsed.value("format").value_or("json");
  if (format != "json" && format != "csv") {
    throw UsageError("option --format must be csv or json, got '" + format + "'");
  }
  const std::string table = parsed.value("table").value_or("steps");
  if (table != "steps" && table != "evaluations") {
    throw UsageError("option --table must be steps or evaluations, got '" + table + "'");
  }
  if (format == "json" && parsed.value("table")) {
    throw UsageError("option --table is for --format csv (JSON exports everything)");
  }
  core::RunStore store(storePathFrom(parsed));
  const auto r = store.run(id);
  const auto steps = store.steps(id);
  const auto evals = store.evaluations(id);
  if (format == "csv") {
    if (table == "steps") {
      std::cout << "step,epoch,loss,lr,grad_norm,examples_per_second,tokens_per_second,"
                   "elapsed_seconds\n";
      for (const auto& s : steps) {
        std::cout << s.step << "," << s.epoch << "," << csvNumber(s.loss) << ","
                  << csvNumber(s.learningRate) << "," << csvNumber(s.gradNorm) << ","
                  << csvNumber(s.examplesPerSecond) << "," << csvNumber(s.tokensPerSecond) << ","
                  << csvNumber(s.elapsedSeconds) << "\n";
      }
    } else {
      std::cout << "step,epoch,split,metric,value\n";
      for (const auto& e : evals) {
        auto line = [&](const std::string& metric, double value) {
          std::cout << e.step << "," << e.epoch << "," << csvField(e.split) << ","
                    << csvField(metric) << "," << csvNumber(value) << "\n";
        };
        for (const auto& [name, value] : e.metrics) {
          line(name, value);
        }
        line("combined", e.combined);
        line("loss", e.loss);
      }
    }
    return 0;
  }
  ordered_json j = recordJson(r);
  ordered_json stepRows = ordered_json::array();
  for (const auto& s : steps) {
    ordered_json row = {{"step", s.step},
                        {"epoch", s.epoch},
                        {"loss", s.loss},
                        {"lr", s.learningRate},
                        {"grad_norm", s.gradNorm},
                        {"examples_per_second", s.examplesPerSecond},
                        {"tokens_per_second", s.tokensPerSecond},
                        {"elapsed_seconds", s.elapsedSeconds}};
    if (!s.maskDensityByLayer.empty()) {
      row["mask_density_by_layer"] = s.maskDensityByLayer;
    }
    stepRows.push_back(row);
  }
  j["steps"] = stepRows;
  ordered_json ev = ordered_json::array();
  for (const auto& e : evals) {
    ev.push_back(evaluationJson(e));
  }
  j["evaluations"] = ev;
  ordered_json ck = ordered_json::array();
  for (const auto& c : store.checkpoints(id)) {
    ck.push_back({{"step", c.step}, {"dir", c.dir}});
  }
  j["checkpoints"] = ck;
  if (const auto f = store.fisherSummary(id)) {
    ordered_json cells = ordered_json::array();
    for (const auto& c : f->cells) {
      cells.push_back({{"layer", c.layer},
                       {"kind", std::string(core::toString(c.kind))},
                       {"elements", c.elements},
                       {"selected", c.selected},
                       {"mean", c.mean},
                       {"median", c.median},
                       {"max", c.max}});
    }
    j["fisher"] = {{"p_d", f->pD},      {"threshold", f->threshold}, {"selected", f->selected},
                   {"total", f->total}, {"batches", f->batches},     {"cells", cells}};
  }
  ordered_json masks = ordered_json::array();
  for (const auto& m : store.masks(id)) {
    masks.push_back({{"name", m.name}, {"shape", m.shape}, {"selected", m.selected}});
  }
  j["masks"] = masks;
  std::cout << j.dump(2) << "\n";
  return 0;
}

int runsDelete(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"store", true}, {"yes", false}});
  if (parsed.positional().empty()) {
    throw UsageError("runs delete needs at least one run id");
  }
  std::vector<int64_t> ids;
  for (const auto& p : parsed.positional()) {
    ids.push_back(parseRunId(p));
  }
  if (!parsed.flag("yes") && isatty(STDIN_FILENO) == 0) {
    throw UsageError("runs delete asks for confirmation, but stdin is not a terminal: pass --yes");
  }
  core::RunStore store(storePathFrom(parsed));
  std::vector<core::RunRecord> runs;
  for (const auto id : ids) {
    runs.push_back(store.run(id));  // every id must exist before anything is deleted
  }
  if (!parsed.flag("yes")) {
    for (const auto& r : runs) {
      std::cerr << "run " << r.id << ": " << r.task << " " << r.method << " seed " << r.seed << ", "
                << core::toString(r.status) << ", created " << formatTime(r.createdMs) << "\n";
    }
    std::cerr << "Delete " << (runs.size() == 1 ? "this run" : "these runs")
              << " and everything recorded for it? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      std::cerr << "nothing deleted\n";
      return 1;
    }
  }
  {
    core::RunStore::Batch batch(store);
    for (const auto id : ids) {
      store.deleteRun(id);
    }
    batch.commit();
  }
  std::cerr << "deleted " << ids.size() << " run(s); checkpoint folders on disk were kept\n";
  return 0;
}

int runsResume(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"store", true}, {"threads", true}, {"json", false}});
  if (parsed.positional().size() != 1) {
    throw UsageError("runs resume needs exactly one run id");
  }
  const int64_t id = parseRunId(parsed.positional()[0]);
  const auto storePath = storePathFrom(parsed);
  TrainSession session;
  {
    core::RunStore store(storePath);
    const auto r = store.run(id);
    session.config = core::RunConfig::fromJson(r.configJson, "run " + std::to_string(id));
    // Without a checkpoint on disk the run starts again from step 0 under the same id: with
    // the same seed it reaches the same result as the run that was cut short.
    if (const auto checkpoint = store.latestCheckpoint(id)) {
      session.resumeCheckpoint = *checkpoint;
    } else if (!parsed.flag("json")) {
      std::cerr << "run " << id << " has no checkpoint on disk: starting it again from step 0\n";
    }
    session.resumeRunId = id;
  }
  if (const auto threads = parsed.intValue("threads", 0, 1024)) {
    session.config.threads = static_cast<int>(*threads);
  }
  session.json = parsed.flag("json");
  session.storePath = storePath;
  return executeTraining(session);
}

}  // namespace

std::filesystem::path storePathFrom(const ParsedArgs& parsed) {
  if (const auto p = parsed.value("store")) {
    if (p->empty()) {
      throw UsageError("option --store needs a file path");
    }
    return *p;
  }
  return core::RunStore::defaultPath();
}

int runRuns(const std::vector<std::string>& args) {
  if (args.empty()) {
    throw UsageError("runs needs a subcommand: list, show, compare, export, delete or resume");
  }
  const std::string sub = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "list") {
    return runsList(rest);
  }
  if (sub == "show") {
    return runsShow(rest);
  }
  if (sub == "compare") {
    return runsCompare(rest);
  }
  if (sub == "export") {
    return runsExport(rest);
  }
  if (sub == "delete") {
    return runsDelete(rest);
  }
  if (sub == "resume") {
    return runsResume(rest);
  }
  throw UsageError("unknown runs subcommand '" + sub +
                   "' (list, show, compare, export, delete, resume)");
}

}  // namespace childtune::app::cli
