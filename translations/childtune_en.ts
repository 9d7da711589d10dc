<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>childtune::app::ChildNetworkPage</name>
    <message numerus="yes">
        <source>Global cut-off %1 · Fisher averaged over %n batch(es)</source>
        <translation>
            <numerusform>Global cut-off %1 · Fisher averaged over %n batch</numerusform>
            <numerusform>Global cut-off %1 · Fisher averaged over %n batches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s) exist in only one of the two models.</source>
        <translation>
            <numerusform>%n tensor exists in only one of the two models.</numerusform>
            <numerusform>%n tensors exist in only one of the two models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::app::MainWindow</name>
    <message numerus="yes">
        <source>Copied %n id(s) to the clipboard</source>
        <translation>
            <numerusform>Copied %n id to the clipboard</numerusform>
            <numerusform>Copied %n ids to the clipboard</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) found, %1 usable</source>
        <translation>
            <numerusform>%n model found, %1 usable</numerusform>
            <numerusform>%n models found, %1 usable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU (%n thread)</numerusform>
            <numerusform>CPU (%n threads)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU: %n thread(s) · %1 CUDA GPU(s)</source>
        <translation>
            <numerusform>CPU: %n thread · %1 CUDA GPU(s)</numerusform>
            <numerusform>CPU: %n threads · %1 CUDA GPU(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU: %n thread(s) · no GPU</source>
        <translation>
            <numerusform>CPU: %n thread · no GPU</numerusform>
            <numerusform>CPU: %n threads · no GPU</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::app::TokenizerPage</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::Format</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::HistoryView</name>
    <message numerus="yes">
        <source>The %n selected run(s) differ only by seed.</source>
        <translation>
            <numerusform>The selected run differs only by seed.</numerusform>
            <numerusform>The %n selected runs differ only by seed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) differ between the selected runs (seed ignored).</source>
        <translation>
            <numerusform>%n setting differs between the selected runs (seed ignored).</numerusform>
            <numerusform>%n settings differ between the selected runs (seed ignored).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and everything recorded for them? Checkpoint folders on disk are kept.</source>
        <translation>
            <numerusform>Delete %n run and everything recorded for it? Checkpoint folders on disk are kept.</numerusform>
            <numerusform>Delete %n runs and everything recorded for them? Checkpoint folders on disk are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelCatalogModel</name>
    <message numerus="yes">
        <source>%1, %n layer(s)</source>
        <translation>
            <numerusform>%1, %n layer</numerusform>
            <numerusform>%1, %n layers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelDetailsWidget</name>
    <message numerus="yes">
        <source>%1 · %n layer(s) · %2 parameters · %3</source>
        <translation>
            <numerusform>%1 · %n layer · %2 parameters · %3</numerusform>
            <numerusform>%1 · %n layers · %2 parameters · %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>yes, %n label(s)</source>
        <translation>
            <numerusform>yes, %n label</numerusform>
            <numerusform>yes, %n labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n file(s)</source>
        <translation>
            <numerusform>%1 in %n file</numerusform>
            <numerusform>%1 in %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n encoder layer(s); the largest holds %1 parameters</source>
        <translation>
            <numerusform>%n encoder layer; the largest holds %1 parameters</numerusform>
            <numerusform>%n encoder layers; the largest holds %1 parameters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n tensor</numerusform>
            <numerusform>%n tensors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tensor(s)</source>
        <translation>
            <numerusform>%1 of %n tensor</numerusform>
            <numerusform>%1 of %n tensors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TaskPickerWidget</name>
    <message numerus="yes">
        <source>Metric: %1 · train %2 · %3 %4 · %n label(s)</source>
        <translation>
            <numerusform>Metric: %1 · train %2 · %3 %4 · %n label</numerusform>
            <numerusform>Metric: %1 · train %2 · %3 %4 · %n labels</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TokenViewWidget</name>
    <message numerus="yes">
        <source>%n token(s): %1</source>
        <translation>
            <numerusform>%n token: %1</numerusform>
            <numerusform>%n tokens: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WeightMovementHeatmap</name>
    <message numerus="yes">
        <source>Where the weights moved after %n step(s): encoder ‖Δw‖ / ‖w₀‖ = %1, mean |Δw| = %2, %3 of the weights changed</source>
        <translation>
            <numerusform>Where the weights moved after %n step: encoder ‖Δw‖ / ‖w₀‖ = %1, mean |Δw| = %2, %3 of the weights changed</numerusform>
            <numerusform>Where the weights moved after %n steps: encoder ‖Δw‖ / ‖w₀‖ = %1, mean |Δw| = %2, %3 of the weights changed</numerusform>
        </translation>
    </message>
</context>
</TS>
