<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>childtune::app::MainWindow</name>
    <message>
        <source>ChildTune</source>
        <translation>ChildTune</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n id(s) to the clipboard</source>
        <translation>
            <numerusform>%n ID in die Zwischenablage kopiert</numerusform>
            <numerusform>%n IDs in die Zwischenablage kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add Model Folder…</source>
        <translation>Modellordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add a folder that holds a model, or a folder of model folders, to the list</source>
        <translation>Einen Ordner mit einem Modell oder einen Ordner mit Modellordnern zur Liste hinzufügen</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Refresh Models</source>
        <translation>Modelle &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Scan the model folders again</source>
        <translation>Die Modellordner erneut durchsuchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Remove Folder from List</source>
        <translation>Ordner aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Stop scanning the added folder this model comes from (nothing is deleted)</source>
        <translation>Den hinzugefügten Ordner dieses Modells nicht mehr durchsuchen (es wird nichts gelöscht)</translation>
    </message>
    <message>
        <source>Show in File Manager</source>
        <translation>Im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Architecture and parameters of the selected model</source>
        <translation>Architektur und Parameter des gewählten Modells</translation>
    </message>
    <message>
        <source>&amp;Tokenizer</source>
        <translation>&amp;Tokenizer</translation>
    </message>
    <message>
        <source>See how the model&apos;s tokenizer cuts text</source>
        <translation>Sehen, wie der Tokenizer des Modells Text zerlegt</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;About ChildTune</source>
        <translation>&amp;Über ChildTune</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Models &amp;Panel</source>
        <translation>Modell&amp;liste</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation>&amp;Werkzeugleiste</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Cannot locate the standard model folders: %1</source>
        <translation>Die Standard-Modellordner sind nicht auffindbar: %1</translation>
    </message>
    <message>
        <source>Model discovery failed: %1</source>
        <translation>Die Modellsuche ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) found, %1 usable</source>
        <translation>
            <numerusform>%n Modell gefunden, %1 nutzbar</numerusform>
            <numerusform>%n Modelle gefunden, %1 nutzbar</numerusform>
        </translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation>Der Modellordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Select a model to load its tokenizer.</source>
        <translation>Wählen Sie ein Modell, um seinen Tokenizer zu laden.</translation>
    </message>
    <message>
        <source>%1 — ChildTune</source>
        <translation>%1 — ChildTune</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>%1 ist nicht nutzbar: %2</translation>
    </message>
    <message>
        <source>no tokenizer</source>
        <translation>kein Tokenizer</translation>
    </message>
    <message>
        <source>Cannot load the tokenizer of %1: %2</source>
        <translation>Der Tokenizer von %1 lässt sich nicht laden: %2</translation>
    </message>
    <message>
        <source>The tokenizer could not be loaded: %1</source>
        <translation>Der Tokenizer konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>tokenizer failed to load</source>
        <translation>Tokenizer nicht geladen</translation>
    </message>
    <message>
        <source>%1 tokenizer, %2 tokens</source>
        <translation>%1-Tokenizer, %2 Tokens</translation>
    </message>
    <message>
        <source>Add Model Folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <source>Removed %1 from the list</source>
        <translation>%1 aus der Liste entfernt</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ChildTune %1&lt;/h3&gt;&lt;p&gt;A workbench for Child-Tuning: fine-tune BERT, RoBERTa and ELECTRA models while updating only a child network of their parameters.&lt;/p&gt;&lt;p&gt;Look inside a model&apos;s architecture and parameters, and see how its tokenizer cuts text.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ChildTune %1&lt;/h3&gt;&lt;p&gt;Eine Werkbank für Child-Tuning: BERT-, RoBERTa- und ELECTRA-Modelle feinabstimmen und dabei nur ein Teilnetz (Child Network) ihrer Parameter aktualisieren.&lt;/p&gt;&lt;p&gt;Architektur und Parameter eines Modells untersuchen und sehen, wie sein Tokenizer Text zerlegt.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2 und QCustomPlot.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About ChildTune</source>
        <translation>Über ChildTune</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>No models found. Add a folder that holds a model with File ▸ Add Model Folder…</source>
        <translation>Keine Modelle gefunden. Fügen Sie mit Datei ▸ Modellordner hinzufügen… einen Ordner mit einem Modell hinzu.</translation>
    </message>
    <message>
        <source>No models found.

Put Hugging Face model folders into %1 (scripts/fetch-model.sh puts all-MiniLM-L6-v2 there), or add a folder with File ▸ Add Model Folder…</source>
        <translation>Keine Modelle gefunden.

Legen Sie Hugging-Face-Modellordner in %1 ab (scripts/fetch-model.sh legt all-MiniLM-L6-v2 dort ab) oder fügen Sie mit Datei ▸ Modellordner hinzufügen… einen Ordner hinzu.</translation>
    </message>
</context>
<context>
    <name>childtune::app::StartupOptions</name>
    <message>
        <source>ChildTune: look inside BERT, RoBERTa and ELECTRA models and fine-tune them with Child-Tuning.</source>
        <translation>ChildTune: BERT-, RoBERTa- und ELECTRA-Modelle untersuchen und mit Child-Tuning feinabstimmen.</translation>
    </message>
    <message>
        <source>Select the model in folder &lt;dir&gt; at startup.</source>
        <translation>Beim Start das Modell im Ordner &lt;dir&gt; wählen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <source>Write a PNG of each main view into &lt;dir&gt;, then quit.</source>
        <translation>Von jeder Hauptansicht ein PNG in &lt;dir&gt; schreiben und dann beenden.</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>--model: %1 is not a folder</source>
        <translation>--model: %1 ist kein Ordner</translation>
    </message>
    <message>
        <source>Print the version and exit.</source>
        <translation>Die Version ausgeben und beenden.</translation>
    </message>
</context>
<context>
    <name>childtune::app::TokenizerPage</name>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Type or paste text to tokenize…</source>
        <translation>Text zum Zerlegen eingeben oder einfügen…</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>Optional second segment, e.g. the hypothesis of an NLI pair</source>
        <translation>Optionales zweites Segment, z. B. die Hypothese eines NLI-Paars</translation>
    </message>
    <message>
        <source>Pair text</source>
        <translation>Text des Paars</translation>
    </message>
    <message>
        <source>&amp;Pair:</source>
        <translation>&amp;Paar:</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>Maximale Länge</translation>
    </message>
    <message>
        <source>Maximum number of tokens, special tokens included</source>
        <translation>Höchstzahl der Tokens, Spezialtokens eingeschlossen</translation>
    </message>
    <message>
        <source>&amp;Max length:</source>
        <translation>&amp;Max. Länge:</translation>
    </message>
    <message>
        <source>Truncation strategy</source>
        <translation>Kürzungsstrategie</translation>
    </message>
    <message>
        <source>Longest first</source>
        <translation>Längstes zuerst</translation>
    </message>
    <message>
        <source>Only first</source>
        <translation>Nur erstes</translation>
    </message>
    <message>
        <source>Only second</source>
        <translation>Nur zweites</translation>
    </message>
    <message>
        <source>Do not truncate</source>
        <translation>Nicht kürzen</translation>
    </message>
    <message>
        <source>Which segment loses tokens when the input is too long, as transformers&apos; truncation= argument</source>
        <translation>Welches Segment Tokens verliert, wenn die Eingabe zu lang ist – wie das Argument truncation= von transformers</translation>
    </message>
    <message>
        <source>T&amp;runcation:</source>
        <translation>&amp;Kürzung:</translation>
    </message>
    <message>
        <source>Add &amp;special tokens</source>
        <translation>&amp;Spezialtokens hinzufügen</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>IDs &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the input ids as a list, e.g. [101, 7592, 102]</source>
        <translation>Die Eingabe-IDs als Liste kopieren, z. B. [101, 7592, 102]</translation>
    </message>
    <message>
        <source>Model inputs</source>
        <translation>Modelleingaben</translation>
    </message>
    <message>
        <source>Select a model to load its tokenizer.</source>
        <translation>Wählen Sie ein Modell, um seinen Tokenizer zu laden.</translation>
    </message>
    <message>
        <source>No tokenizer.</source>
        <translation>Kein Tokenizer.</translation>
    </message>
    <message>
        <source>WordPiece</source>
        <translation>WordPiece</translation>
    </message>
    <message>
        <source>byte-level BPE</source>
        <translation>Byte-Level-BPE</translation>
    </message>
    <message>
        <source>Unigram</source>
        <translation>Unigram</translation>
    </message>
    <message>
        <source>Tokenizer of %1: %2, %3 tokens in the vocabulary</source>
        <translation>Tokenizer von %1: %2, %3 Tokens im Vokabular</translation>
    </message>
    <message>
        <source>(the model takes up to %1)</source>
        <translation>(das Modell verarbeitet bis zu %1)</translation>
    </message>
    <message>
        <source>No tokenizer loaded</source>
        <translation>Kein Tokenizer geladen</translation>
    </message>
    <message>
        <source>Cannot encode this input: %1</source>
        <translation>Diese Eingabe lässt sich nicht kodieren: %1</translation>
    </message>
    <message>
        <source>No tokens: the tokenizer rejected the input.</source>
        <translation>Keine Tokens: Der Tokenizer hat die Eingabe abgelehnt.</translation>
    </message>
    <message>
        <source>No tokens.</source>
        <translation>Keine Tokens.</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 from the text, %2 from the pair</source>
        <translation>%1 aus dem Text, %2 aus dem Paar</translation>
    </message>
    <message>
        <source>truncated from %1</source>
        <translation>gekürzt von %1</translation>
    </message>
    <message>
        <source>%1 special</source>
        <translation>%1 speziell</translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation>%1 unbekannt</translation>
    </message>
    <message>
        <source>more than the %1 positions the model has</source>
        <translation>mehr als die %1 Positionen des Modells</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::Format</name>
    <message>
        <source>%1 G</source>
        <translation>%1 Mrd.</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <source>%1 k</source>
        <translation>%1 Tsd.</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>childtune::widgets::MessageBanner</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelCatalogModel</name>
    <message numerus="yes">
        <source>%1, %n layer(s)</source>
        <translation>
            <numerusform>%1, %n Schicht</numerusform>
            <numerusform>%1, %n Schichten</numerusform>
        </translation>
    </message>
    <message>
        <source>ChildTune</source>
        <translation>ChildTune</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>Added folder</source>
        <translation>Hinzugefügter Ordner</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>Cannot be used: %1</source>
        <translation>Nicht nutzbar: %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>HF cache</source>
        <translation>HF-Cache</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>%1 · %2 parameters</source>
        <translation>%1 · %2 Parameter</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelDetailsWidget</name>
    <message>
        <source>WordPiece</source>
        <translation>WordPiece</translation>
    </message>
    <message>
        <source>Byte-level BPE</source>
        <translation>Byte-Level-BPE</translation>
    </message>
    <message>
        <source>Unigram</source>
        <translation>Unigram</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>Modelldetails</translation>
    </message>
    <message>
        <source>No model selected</source>
        <translation>Kein Modell gewählt</translation>
    </message>
    <message>
        <source>Pick a model in the list, or add a folder that holds a Hugging Face model (config.json, model.safetensors and tokenizer files) with File ▸ Add Model Folder…</source>
        <translation>Wählen Sie ein Modell in der Liste oder fügen Sie mit Datei ▸ Modellordner hinzufügen… einen Ordner mit einem Hugging-Face-Modell hinzu (config.json, model.safetensors und Tokenizer-Dateien).</translation>
    </message>
    <message>
        <source>ChildTune cannot use this model:</source>
        <translation>ChildTune kann dieses Modell nicht verwenden:</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>Encoder-Schichten</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>Verborgene Größe</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>Attention-Köpfe</translation>
    </message>
    <message>
        <source>Feed-forward size</source>
        <translation>Feed-Forward-Größe</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation>Embedding-Größe</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation>Max. Positionen</translation>
    </message>
    <message>
        <source>Segment types</source>
        <translation>Segmenttypen</translation>
    </message>
    <message>
        <source>Position embeddings</source>
        <translation>Positions-Embeddings</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>LayerNorm ε</source>
        <translation>LayerNorm-ε</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Classifier head</source>
        <translation>Klassifikationskopf</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Weights on disk</source>
        <translation>Gewichte auf der Platte</translation>
    </message>
    <message>
        <source>Parameters per encoder layer</source>
        <translation>Parameter je Encoder-Schicht</translation>
    </message>
    <message>
        <source>Parameters per encoder layer, stacked by module</source>
        <translation>Parameter je Encoder-Schicht, gestapelt nach Modul</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>Encoder-Schicht</translation>
    </message>
    <message>
        <source>Parameters by module</source>
        <translation>Parameter nach Modul</translation>
    </message>
    <message>
        <source>Filter by name, module or layer…</source>
        <translation>Nach Name, Modul oder Schicht filtern…</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>Tensoren filtern</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n layer(s) · %2 parameters · %3</source>
        <translation>
            <numerusform>%1 · %n Schicht · %2 Parameter · %3</numerusform>
            <numerusform>%1 · %n Schichten · %2 Parameter · %3</numerusform>
        </translation>
    </message>
    <message>
        <source>model_type &quot;%1&quot; in config.json</source>
        <translation>model_type „%1“ in config.json</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>heads × size of each head</source>
        <translation>Köpfe × Größe je Kopf</translation>
    </message>
    <message>
        <source>%1 hidden, %2 attention</source>
        <translation>%1 verborgen, %2 Attention</translation>
    </message>
    <message numerus="yes">
        <source>yes, %n label(s)</source>
        <translation>
            <numerusform>ja, %n Klasse</numerusform>
            <numerusform>ja, %n Klassen</numerusform>
        </translation>
    </message>
    <message>
        <source>none (added when training)</source>
        <translation>keiner (wird beim Training angelegt)</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 Tensoren</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n file(s)</source>
        <translation>
            <numerusform>%1 in %n Datei</numerusform>
            <numerusform>%1 in %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>Parameters (millions)</source>
        <translation>Parameter (Millionen)</translation>
    </message>
    <message>
        <source>Parameters (thousands)</source>
        <translation>Parameter (Tausend)</translation>
    </message>
    <message numerus="yes">
        <source>%n encoder layer(s); the largest holds %1 parameters</source>
        <translation>
            <numerusform>%n Encoder-Schicht; die größte hat %1 Parameter</numerusform>
            <numerusform>%n Encoder-Schichten; die größte hat %1 Parameter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n Tensor</numerusform>
            <numerusform>%n Tensoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tensor(s)</source>
        <translation>
            <numerusform>%1 von %n Tensor</numerusform>
            <numerusform>%1 von %n Tensoren</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 · %2
%3 parameters (%4 % of the layer)</source>
        <translation>Schicht %1 · %2
%3 Parameter (%4 % der Schicht)</translation>
    </message>
    <message>
        <source>Model type</source>
        <translation>Modelltyp</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModelPickerWidget</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Filter models…</source>
        <translation>Modelle filtern…</translation>
    </message>
    <message>
        <source>Filter models</source>
        <translation>Modelle filtern</translation>
    </message>
    <message>
        <source>Available models</source>
        <translation>Verfügbare Modelle</translation>
    </message>
    <message>
        <source>No models found.</source>
        <translation>Keine Modelle gefunden.</translation>
    </message>
    <message>
        <source>No model matches “%1”.</source>
        <translation>Kein Modell passt zu „%1“.</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModuleKind</name>
    <message>
        <source>Embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Attention output</source>
        <translation>Attention-Ausgabe</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Zwischenschicht</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>Pooler</source>
        <translation>Pooler</translation>
    </message>
    <message>
        <source>Classifier head</source>
        <translation>Klassifikationskopf</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ModuleKindTableModel</name>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ParameterListModel</name>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TokenLegendWidget</name>
    <message>
        <source>Token colours</source>
        <translation>Token-Farben</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Paar</translation>
    </message>
    <message>
        <source>Special</source>
        <translation>Speziell</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TokenViewWidget</name>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>No tokens</source>
        <translation>Keine Tokens</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>Segment %1</translation>
    </message>
    <message>
        <source>special token, segment %1</source>
        <translation>Spezialtoken, Segment %1</translation>
    </message>
    <message>
        <source>unknown token: the text is not in the vocabulary</source>
        <translation>unbekanntes Token: Der Text steht nicht im Vokabular</translation>
    </message>
    <message>
        <source>“%1” — position %2
id %3 · type id %4
%5</source>
        <translation>„%1“ — Position %2
ID %3 · Typ-ID %4
%5</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s): %1</source>
        <translation>
            <numerusform>%n Token: %1</numerusform>
            <numerusform>%n Tokens: %1</numerusform>
        </translation>
    </message>
</context>
</TS>
