<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LayerModuleMap</name>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>Encoder-Schicht</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language applies after ChildTune is restarted.</source>
        <translation>Die neue Sprache gilt nach einem Neustart von ChildTune.</translation>
    </message>
</context>
<context>
    <name>childtune::app::ChildNetworkPage</name>
    <message>
        <source>What-if p_D</source>
        <translation>Was wäre, wenn p_D</translation>
    </message>
    <message>
        <source>Re-threshold the cached Fisher scores for another p_D, before any training.</source>
        <translation>Die zwischengespeicherten Fisher-Werte vor jedem Training für ein anderes p_D neu schwellen.</translation>
    </message>
    <message>
        <source>Child network by layer and module</source>
        <translation>Kindnetz nach Schicht und Modul</translation>
    </message>
    <message>
        <source>Fisher distribution per layer with the global cut-off</source>
        <translation>Fisher-Verteilung je Schicht mit der globalen Schwelle</translation>
    </message>
    <message>
        <source>Weight matrix drill-down</source>
        <translation>Gewichtsmatrix im Detail</translation>
    </message>
    <message>
        <source>Weight tensor of the selected cell</source>
        <translation>Gewichtstensor der gewählten Zelle</translation>
    </message>
    <message>
        <source>The parameter tensors of the selected layer and module.</source>
        <translation>Die Parametertensoren der gewählten Schicht und des Moduls.</translation>
    </message>
    <message>
        <source>Child-Tuning_F mask density per layer</source>
        <translation>Child-Tuning_F-Maskendichte je Schicht</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap to see its weight matrix.</source>
        <translation>Klicken Sie auf eine Zelle der Heatmap, um ihre Gewichtsmatrix zu sehen.</translation>
    </message>
    <message>
        <source>Start a Child-Tuning_D run: its child network appears here after the Fisher pass, with a p_D what-if slider. Child-Tuning_F runs show their sampled mask density per layer.</source>
        <translation>Starten Sie einen Child-Tuning_D-Lauf: Sein Kindnetz erscheint hier nach dem Fisher-Durchlauf, mit einem p_D-Was-wäre-wenn-Schieberegler. Child-Tuning_F-Läufe zeigen ihre gezogene Maskendichte je Schicht.</translation>
    </message>
    <message>
        <source>Estimating the Fisher information… the child network appears when the pass is done.</source>
        <translation>Die Fisher-Information wird geschätzt… das Kindnetz erscheint, wenn der Durchlauf fertig ist.</translation>
    </message>
    <message>
        <source>The mask density appears with the first training steps.</source>
        <translation>Die Maskendichte erscheint mit den ersten Trainingsschritten.</translation>
    </message>
    <message>
        <source>Vanilla fine-tuning updates every weight: there is no child network to show. Choose Child-Tuning_D or _F in the Run setup.</source>
        <translation>Normales Fine-Tuning aktualisiert jedes Gewicht: Es gibt kein Kindnetz zu zeigen. Wählen Sie Child-Tuning_D oder _F in der Laufeinrichtung.</translation>
    </message>
    <message numerus="yes">
        <source>Global cut-off %1 · Fisher averaged over %n batch(es)</source>
        <translation>
            <numerusform>Globale Schwelle %1 · Fisher gemittelt über %n Batch</numerusform>
            <numerusform>Globale Schwelle %1 · Fisher gemittelt über %n Batches</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>Schicht %1 · %2</translation>
    </message>
    <message>
        <source>Child network</source>
        <translation>Kindnetz</translation>
    </message>
    <message>
        <source>Where weights moved</source>
        <translation>Wohin sich die Gewichte bewegten</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <source>After training: how far each layer and module moved from the pretrained weights, next to the run&apos;s child network.</source>
        <translation>Nach dem Training: wie weit sich jede Schicht und jedes Modul von den vortrainierten Gewichten entfernt hat, neben dem Kindnetz des Laufs.</translation>
    </message>
    <message>
        <source>How much the child networks of two runs (two tasks, two seeds) agree, per layer and module.</source>
        <translation>Wie sehr die Kindnetze zweier Läufe (zwei Aufgaben, zwei Seeds) übereinstimmen, je Schicht und Modul.</translation>
    </message>
    <message>
        <source>Child network this run trained</source>
        <translation>Vom Lauf trainiertes Kindnetz</translation>
    </message>
    <message>
        <source>Where the weights moved, by layer and module</source>
        <translation>Wohin sich die Gewichte bewegten, nach Schicht und Modul</translation>
    </message>
    <message>
        <source>Child network &amp;A:</source>
        <translation>Kindnetz &amp;A:</translation>
    </message>
    <message>
        <source>&amp;B:</source>
        <translation>&amp;B:</translation>
    </message>
    <message>
        <source>First run to compare</source>
        <translation>Erster Lauf des Vergleichs</translation>
    </message>
    <message>
        <source>Second run to compare</source>
        <translation>Zweiter Lauf des Vergleichs</translation>
    </message>
    <message>
        <source>The current run or a stored Child-Tuning_D run.</source>
        <translation>Der aktuelle Lauf oder ein gespeicherter Child-Tuning_D-Lauf.</translation>
    </message>
    <message>
        <source>The stored Child-Tuning_D run to compare with.</source>
        <translation>Der gespeicherte Child-Tuning_D-Lauf, mit dem verglichen wird.</translation>
    </message>
    <message>
        <source>Overlap of the two child networks per layer and module</source>
        <translation>Überlappung der beiden Kindnetze je Schicht und Modul</translation>
    </message>
    <message>
        <source>After a run has trained, this shows how far each layer and module moved from the pretrained weights.</source>
        <translation>Nach einem Training zeigt dies, wie weit sich jede Schicht und jedes Modul von den vortrainierten Gewichten entfernt hat.</translation>
    </message>
    <message>
        <source>Left: the child network this run trained (p&lt;sub&gt;D&lt;/sub&gt; = %1). Right: how far each layer and module moved from the pretrained weights. Outside the child network only weight decay moves the weights.</source>
        <translation>Links: das vom Lauf trainierte Kindnetz (p&lt;sub&gt;D&lt;/sub&gt; = %1). Rechts: wie weit sich jede Schicht und jedes Modul von den vortrainierten Gewichten entfernt hat. Außerhalb des Kindnetzes bewegt nur der Weight Decay die Gewichte.</translation>
    </message>
    <message>
        <source>Child-Tuning_F samples a new mask at every step, so every weight can move: this shows how far each layer and module went from the pretrained weights.</source>
        <translation>Child-Tuning_F zieht in jedem Schritt eine neue Maske, daher kann sich jedes Gewicht bewegen: Dies zeigt, wie weit sich jede Schicht und jedes Modul von den vortrainierten Gewichten entfernt hat.</translation>
    </message>
    <message>
        <source>Vanilla fine-tuning updates every weight: this shows how far each layer and module went from the pretrained weights.</source>
        <translation>Vanilla-Fine-Tuning aktualisiert jedes Gewicht: Dies zeigt, wie weit sich jede Schicht und jedes Modul von den vortrainierten Gewichten entfernt hat.</translation>
    </message>
    <message>
        <source>Current run</source>
        <translation>Aktueller Lauf</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 · seed %4</source>
        <translation>Lauf %1 · %2 · %3 · Seed %4</translation>
    </message>
    <message>
        <source>Child networks to compare appear here: the current Child-Tuning_D run and the Child-Tuning_D runs in the run history.</source>
        <translation>Hier erscheinen die vergleichbaren Kindnetze: der aktuelle Child-Tuning_D-Lauf und die Child-Tuning_D-Läufe im Verlauf.</translation>
    </message>
    <message>
        <source>The current run has no child network (only Child-Tuning_D runs have one).</source>
        <translation>Der aktuelle Lauf hat kein Kindnetz (nur Child-Tuning_D-Läufe haben eines).</translation>
    </message>
    <message>
        <source>Run %1 has no stored child network (it stopped before the Fisher pass ended).</source>
        <translation>Lauf %1 hat kein gespeichertes Kindnetz (er endete vor dem Ende des Fisher-Durchlaufs).</translation>
    </message>
    <message>
        <source>Jaccard index |A ∩ B| / |A ∪ B| per encoder layer: of all maskable weights, then of each module kind. 1 = the same child network, 0 = disjoint.</source>
        <translation>Jaccard-Index |A ∩ B| / |A ∪ B| je Encoder-Schicht: über alle maskierbaren Gewichte, dann je Modulart. 1 = dasselbe Kindnetz, 0 = disjunkt.</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s) exist in only one of the two models.</source>
        <translation>
            <numerusform>%n Tensor gibt es nur in einem der beiden Modelle.</numerusform>
            <numerusform>%n Tensoren gibt es nur in einem der beiden Modelle.</numerusform>
        </translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
</context>
<context>
    <name>childtune::app::DemoWorkspace</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>childtune::app::DownloadDialog</name>
    <message>
        <source>Download a Model</source>
        <translation>Modell herunterladen</translation>
    </message>
    <message>
        <source>Download GLUE Data</source>
        <translation>GLUE-Daten herunterladen</translation>
    </message>
    <message>
        <source>Hub name, e.g. roberta-large or google/electra-large-discriminator</source>
        <translation>Hub-Name, z. B. roberta-large oder google/electra-large-discriminator</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>Modellname</translation>
    </message>
    <message>
        <source>The name of the model on the Hugging Face hub (organization/name)</source>
        <translation>Der Name des Modells im Hugging Face Hub (Organisation/Name)</translation>
    </message>
    <message>
        <source>All GLUE tasks</source>
        <translation>Alle GLUE-Aufgaben</translation>
    </message>
    <message>
        <source>GLUE task</source>
        <translation>GLUE-Aufgabe</translation>
    </message>
    <message>
        <source>The GLUE task whose data to download</source>
        <translation>Die GLUE-Aufgabe, deren Daten heruntergeladen werden</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Aufgabe:</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
    <message>
        <source>Download status</source>
        <translation>Download-Status</translation>
    </message>
    <message>
        <source>Transferred, speed and time left</source>
        <translation>Übertragen, Geschwindigkeit und Restzeit</translation>
    </message>
    <message>
        <source>Download error</source>
        <translation>Download-Fehler</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>Start download</source>
        <translation>Download starten</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Fetches config.json, the tokenizer files and the safetensors weights from %1 into the Hugging Face cache (%2). Interrupted downloads resume.%3</source>
        <translation>Lädt config.json, die Tokenizer-Dateien und die safetensors-Gewichte von %1 in den Hugging-Face-Cache (%2). Unterbrochene Downloads werden fortgesetzt.%3</translation>
    </message>
    <message>
        <source> Gated models use the token in HF_TOKEN.</source>
        <translation> Zugangsbeschränkte Modelle verwenden das Token in HF_TOKEN.</translation>
    </message>
    <message>
        <source>Fetches the official GLUE data (as download_glue_data.py does) into %1.</source>
        <translation>Lädt die offiziellen GLUE-Daten (wie download_glue_data.py) nach %1.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>%1 is ready in %2</source>
        <translation>%1 ist bereit in %2</translation>
    </message>
    <message>
        <source>GLUE data is ready in %1</source>
        <translation>Die GLUE-Daten sind bereit in %1</translation>
    </message>
    <message>
        <source>%1 %2 (%3 of %4)</source>
        <translation>%1 %2 (%3 von %4)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>Download fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled. Partial files were kept: Download resumes them.</source>
        <translation>Abgebrochen. Teildateien wurden behalten: Herunterladen setzt sie fort.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
</context>
<context>
    <name>childtune::app::GlueDownloader</name>
    <message>
        <source>Cannot move the download to %1</source>
        <translation>Der Download kann nicht nach %1 verschoben werden</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a GLUE task; these can be downloaded: %2</source>
        <translation>„%1“ ist keine GLUE-Aufgabe; herunterladbar sind: %2</translation>
    </message>
    <message>
        <source>Choose at least one GLUE task to download.</source>
        <translation>Wählen Sie mindestens eine GLUE-Aufgabe zum Herunterladen.</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Wird vorbereitet</translation>
    </message>
    <message>
        <source>Unpacking</source>
        <translation>Wird entpackt</translation>
    </message>
    <message>
        <source>%1 from %2 is not the published file: its SHA-256 is %3, expected %4. It was deleted; try again.</source>
        <translation>%1 von %2 ist nicht die veröffentlichte Datei: Ihr SHA-256 ist %3, erwartet %4. Sie wurde gelöscht; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>childtune::app::HttpFileTransfer</name>
    <message>
        <source>HTTP %1%2 from %3</source>
        <translation>HTTP %1%2 von %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 answered a resume request with the wrong range (%2); the partial file was deleted, try again</source>
        <translation>%1 hat eine Fortsetzungsanfrage mit dem falschen Bereich beantwortet (%2); die Teildatei wurde gelöscht, versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1 sent more than the expected %2 bytes</source>
        <translation>%1 hat mehr als die erwarteten %2 Bytes gesendet</translation>
    </message>
    <message>
        <source>Too many or invalid redirects from %1</source>
        <translation>Zu viele oder ungültige Weiterleitungen von %1</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2 (%3 bytes kept for resuming)</source>
        <translation>Download von %1 fehlgeschlagen: %2 (%3 Bytes zum Fortsetzen behalten)</translation>
    </message>
    <message>
        <source>%1 ended after %2 of %3 bytes (kept for resuming)</source>
        <translation>%1 endete nach %2 von %3 Bytes (zum Fortsetzen behalten)</translation>
    </message>
</context>
<context>
    <name>childtune::app::HubDownloader</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 from %2 is corrupt: its %3 is %4 but the hub&apos;s ETag says %5. The download was deleted; try again.</source>
        <translation>%1 von %2 ist beschädigt: Sein %3 ist %4, aber das ETag des Hubs lautet %5. Der Download wurde gelöscht; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The model may be gated or private: accept its terms on the hub and set HF_TOKEN to a token with read access.</source>
        <translation>Das Modell ist möglicherweise zugangsbeschränkt oder privat: Akzeptieren Sie seine Bedingungen im Hub und setzen Sie HF_TOKEN auf ein Token mit Lesezugriff.</translation>
    </message>
    <message>
        <source>Enter a model name from the Hugging Face hub, e.g. bert-base-uncased or google/electra-large-discriminator.</source>
        <translation>Geben Sie einen Modellnamen aus dem Hugging Face Hub ein, z. B. bert-base-uncased oder google/electra-large-discriminator.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hub model name: use name or organization/name (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;).</source>
        <translation>„%1“ ist kein Hub-Modellname: Verwenden Sie Name oder Organisation/Name (Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos; und &apos;.&apos;).</translation>
    </message>
    <message>
        <source>Looking up</source>
        <translation>Wird nachgeschlagen</translation>
    </message>
    <message>
        <source>Downloads are disabled because HF_HUB_OFFLINE is set. Unset HF_HUB_OFFLINE (or set it to 0) and restart ChildTune to download %1; models already in the cache stay available.</source>
        <translation>Downloads sind deaktiviert, weil HF_HUB_OFFLINE gesetzt ist. Entfernen Sie HF_HUB_OFFLINE (oder setzen Sie es auf 0) und starten Sie ChildTune neu, um %1 herunterzuladen; Modelle im Cache bleiben verfügbar.</translation>
    </message>
    <message>
        <source>Cannot tell where the Hugging Face cache is: set HF_HOME or HOME.</source>
        <translation>Der Ort des Hugging-Face-Caches ist unbekannt: Setzen Sie HF_HOME oder HOME.</translation>
    </message>
    <message>
        <source>HF_ENDPOINT is not a valid URL: %1</source>
        <translation>HF_ENDPOINT ist keine gültige URL: %1</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2. Check the network connection (or HF_ENDPOINT).</source>
        <translation>%1 ist nicht erreichbar: %2. Prüfen Sie die Netzwerkverbindung (oder HF_ENDPOINT).</translation>
    </message>
    <message>
        <source>%1 is gated or private (%2). Accept its terms on the hub and set HF_TOKEN to an access token with read access.</source>
        <translation>%1 ist zugangsbeschränkt oder privat (%2). Akzeptieren Sie seine Bedingungen im Hub und setzen Sie HF_TOKEN auf ein Zugriffstoken mit Lesezugriff.</translation>
    </message>
    <message>
        <source>The token in HF_TOKEN has no access to %1 (%2). Accept the model&apos;s terms on the hub, or use a token with read access.</source>
        <translation>Das Token in HF_TOKEN hat keinen Zugriff auf %1 (%2). Akzeptieren Sie die Bedingungen des Modells im Hub oder verwenden Sie ein Token mit Lesezugriff.</translation>
    </message>
    <message>
        <source>%1 was not found (%2).</source>
        <translation>%1 wurde nicht gefunden (%2).</translation>
    </message>
    <message>
        <source>The model %1 on %2</source>
        <translation>Das Modell %1 auf %2</translation>
    </message>
    <message>
        <source>%1 did not answer with the model&apos;s file list (no commit hash in the reply).</source>
        <translation>%1 hat nicht mit der Dateiliste des Modells geantwortet (kein Commit-Hash in der Antwort).</translation>
    </message>
    <message>
        <source>%1 has no config.json, so it is not a transformers model.</source>
        <translation>%1 hat keine config.json und ist daher kein transformers-Modell.</translation>
    </message>
    <message>
        <source>%1 has no safetensors weights on %2 (found: %3). ChildTune reads model.safetensors only; convert the weights with transformers&apos; save_pretrained(safe_serialization=True).</source>
        <translation>%1 hat keine safetensors-Gewichte auf %2 (gefunden: %3). ChildTune liest nur model.safetensors; konvertieren Sie die Gewichte mit save_pretrained(safe_serialization=True) aus transformers.</translation>
    </message>
    <message>
        <source>no weights</source>
        <translation>keine Gewichte</translation>
    </message>
    <message>
        <source>Too many redirects for %1</source>
        <translation>Zu viele Weiterleitungen für %1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1 sent no usable ETag for %2 (got &quot;%3&quot;), so the download cannot be verified.</source>
        <translation>%1 hat kein brauchbares ETag für %2 gesendet (erhalten: „%3“), daher lässt sich der Download nicht prüfen.</translation>
    </message>
    <message>
        <source>The hub reported commit %1 for %2, but the file list was for %3; try again.</source>
        <translation>Der Hub meldete Commit %1 für %2, aber die Dateiliste gehörte zu %3; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2</source>
        <translation>%1 kann nicht nach %2 verschoben werden</translation>
    </message>
    <message>
        <source>Cannot place %1 in the snapshot %2: %3</source>
        <translation>%1 kann nicht im Snapshot %2 abgelegt werden: %3</translation>
    </message>
    <message>
        <source>%1 of %2 has no weight_map.</source>
        <translation>%1 von %2 hat keine weight_map.</translation>
    </message>
    <message>
        <source>%1 of %2 names the shard &quot;%3&quot;, which the repository does not have.</source>
        <translation>%1 von %2 nennt den Shard „%3“, den das Repository nicht hat.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
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
    <message>
        <source>Run Setup</source>
        <translation>Laufeinrichtung</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Child Network</source>
        <translation>Kindnetz</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Training phase</source>
        <translation>Trainingsphase</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>Rechengerät</translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU (%n Thread)</numerusform>
            <numerusform>CPU (%n Threads)</numerusform>
        </translation>
    </message>
    <message>
        <source>CUDA GPU %1</source>
        <translation>CUDA-GPU %1</translation>
    </message>
    <message numerus="yes">
        <source>CPU: %n thread(s) · %1 CUDA GPU(s)</source>
        <translation>
            <numerusform>CPU: %n Thread · %1 CUDA-GPU(s)</numerusform>
            <numerusform>CPU: %n Threads · %1 CUDA-GPU(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU: %n thread(s) · no GPU</source>
        <translation>
            <numerusform>CPU: %n Thread · keine GPU</numerusform>
            <numerusform>CPU: %n Threads · keine GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>LibTorch %1, %2, BLAS: %3</source>
        <translation>LibTorch %1, %2, BLAS: %3</translation>
    </message>
    <message>
        <source>Run &amp;Setup</source>
        <translation>Lauf&amp;einrichtung</translation>
    </message>
    <message>
        <source>Choose the task, the method and its settings</source>
        <translation>Aufgabe, Methode und ihre Einstellungen wählen</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>T&amp;raining</translation>
    </message>
    <message>
        <source>Watch the run: phase, progress, loss and dev metrics</source>
        <translation>Den Lauf verfolgen: Phase, Fortschritt, Loss und Dev-Metriken</translation>
    </message>
    <message>
        <source>&amp;Child Network</source>
        <translation>&amp;Kindnetz</translation>
    </message>
    <message>
        <source>Which weights Child-Tuning updates, and why: Fisher information per layer and module</source>
        <translation>Welche Gewichte Child-Tuning aktualisiert und warum: Fisher-Information je Schicht und Modul</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Fine-tune the selected model with the run setup&apos;s settings</source>
        <translation>Das gewählte Modell mit den Einstellungen der Laufeinrichtung feinabstimmen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause training after the current step</source>
        <translation>Das Training nach dem aktuellen Schritt anhalten</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Continue a paused run</source>
        <translation>Einen angehaltenen Lauf fortsetzen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <source>Stop the run at its next step (and skip the remaining seeds)</source>
        <translation>Den Lauf beim nächsten Schritt beenden (und die übrigen Seeds überspringen)</translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation>Diagramme &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the training charts as PNG, PDF or CSV</source>
        <translation>Die Trainingsdiagramme als PNG, PDF oder CSV speichern</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Start training (Ctrl+R)</source>
        <translation>Training starten (Strg+R)</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source> · seed %1</source>
        <translation> · Seed %1</translation>
    </message>
    <message>
        <source>Select a model first.</source>
        <translation>Wählen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>Export Training Charts</source>
        <translation>Trainingsdiagramme exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export the charts: %1</source>
        <translation>Die Diagramme lassen sich nicht exportieren: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>alle Kerne</translation>
    </message>
    <message>
        <source>Training threads</source>
        <translation>Trainings-Threads</translation>
    </message>
    <message>
        <source>CPU threads LibTorch uses for a run (0: all cores).</source>
        <translation>CPU-Threads, die LibTorch für einen Lauf nutzt (0: alle Kerne).</translation>
    </message>
    <message>
        <source>Training &amp;threads:</source>
        <translation>Trainings-&amp;Threads:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>The language of the interface; it applies after a restart.</source>
        <translation>Die Sprache der Oberfläche; sie gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The new language applies after ChildTune is restarted.</source>
        <translation>Die neue Sprache gilt nach einem Neustart von ChildTune.</translation>
    </message>
    <message>
        <source>The demo model in %1 could not be selected</source>
        <translation>Das Demomodell in %1 konnte nicht gewählt werden</translation>
    </message>
    <message>
        <source>the run was stopped</source>
        <translation>der Lauf wurde gestoppt</translation>
    </message>
    <message>
        <source>the run could not start: %1</source>
        <translation>der Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>the run did not end within %1 s</source>
        <translation>der Lauf endete nicht innerhalb von %1 s</translation>
    </message>
    <message>
        <source>Stop the Run?</source>
        <translation>Lauf beenden?</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it and close ChildTune?</source>
        <translation>Ein Trainingslauf ist im Gange. Beenden und ChildTune schließen?</translation>
    </message>
    <message>
        <source>Stopping the run…</source>
        <translation>Der Lauf wird beendet…</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>Lernen</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>Ler&amp;nen</translation>
    </message>
    <message>
        <source>How fine-tuning and Child-Tuning work, one real optimizer step at a time</source>
        <translation>Wie Fine-Tuning und Child-Tuning funktionieren, ein echter Optimiererschritt nach dem anderen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Download &amp;Model…</source>
        <translation>&amp;Modell herunterladen…</translation>
    </message>
    <message>
        <source>Download &amp;GLUE Data…</source>
        <translation>&amp;GLUE-Daten herunterladen…</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>Verl&amp;auf</translation>
    </message>
    <message>
        <source>Earlier runs: compare their curves and settings</source>
        <translation>Frühere Läufe: ihre Kurven und Einstellungen vergleichen</translation>
    </message>
</context>
<context>
    <name>childtune::app::RunSetupPage</name>
    <message>
        <source>Copied the command line to the clipboard</source>
        <translation>Befehlszeile in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>&lt;b&gt;Task&lt;/b&gt;</source>
        <translation>&lt;b&gt;Aufgabe&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Method and settings&lt;/b&gt;</source>
        <translation>&lt;b&gt;Methode und Einstellungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Load a run configuration saved as JSON.</source>
        <translation>Eine als JSON gespeicherte Laufkonfiguration laden.</translation>
    </message>
    <message>
        <source>Open run configuration</source>
        <translation>Laufkonfiguration öffnen</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save this run configuration as JSON (childtune-cli train --config).</source>
        <translation>Diese Laufkonfiguration als JSON speichern (childtune-cli train --config).</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>Laufkonfiguration speichern</translation>
    </message>
    <message>
        <source>Copy as Command Line</source>
        <translation>Als Befehlszeile kopieren</translation>
    </message>
    <message>
        <source>Copy the equivalent childtune-cli train command to the clipboard.</source>
        <translation>Den gleichwertigen Befehl childtune-cli train in die Zwischenablage kopieren.</translation>
    </message>
    <message>
        <source>Copy as command line</source>
        <translation>Als Befehlszeile kopieren</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Copied; the command line cannot carry %1 (save the configuration and use --config)</source>
        <translation>Kopiert; die Befehlszeile kann %1 nicht abbilden (speichern Sie die Konfiguration und verwenden Sie --config)</translation>
    </message>
    <message>
        <source>The data of %1 was not found: locate the GLUE folder in the Run setup view.</source>
        <translation>Die Daten von %1 wurden nicht gefunden: Geben Sie den GLUE-Ordner in der Laufeinrichtung an.</translation>
    </message>
    <message>
        <source>Save Run Configuration</source>
        <translation>Laufkonfiguration speichern</translation>
    </message>
    <message>
        <source>Run configurations (*.json)</source>
        <translation>Laufkonfigurationen (*.json)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Open Run Configuration</source>
        <translation>Laufkonfiguration öffnen</translation>
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
    <message>
        <source>Train a tiny model made on the spot (no network needed), write a PNG of each main view into &lt;dir&gt;, then quit.</source>
        <translation>Ein vor Ort erzeugtes winziges Modell trainieren (kein Netzwerk nötig), ein PNG jeder Hauptansicht nach &lt;dir&gt; schreiben und beenden.</translation>
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
    <name>childtune::app::TrainingPage</name>
    <message>
        <source>No run yet: choose a model and a task, then Start (Ctrl+R).</source>
        <translation>Noch kein Lauf: Wählen Sie ein Modell und eine Aufgabe, dann Start (Strg+R).</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Fisher information</source>
        <translation>Fisher-Information</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Trainingsfortschritt</translation>
    </message>
    <message>
        <source>Fisher estimation progress</source>
        <translation>Fortschritt der Fisher-Schätzung</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Estimated time left</source>
        <translation>Geschätzte Restzeit</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>Trainingsprotokoll</translation>
    </message>
    <message>
        <source>Training charts</source>
        <translation>Trainingsdiagramme</translation>
    </message>
    <message>
        <source>Last evaluation</source>
        <translation>Letzte Auswertung</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Finished in %1: %2</source>
        <translation>Fertig nach %1: %2</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Loading the model and data</source>
        <translation>Modell und Daten werden geladen</translation>
    </message>
    <message>
        <source>Tokenizing</source>
        <translation>Tokenisierung</translation>
    </message>
    <message>
        <source>Estimating Fisher information</source>
        <translation>Fisher-Information wird geschätzt</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>step %1 / %2 · epoch %3</source>
        <translation>Schritt %1 / %2 · Epoche %3</translation>
    </message>
    <message>
        <source>ETA %1 · %2 ex/s</source>
        <translation>Rest %1 · %2 Bsp./s</translation>
    </message>
    <message>
        <source>Step %1 (%2): %3 · loss %4</source>
        <translation>Schritt %1 (%2): %3 · Loss %4</translation>
    </message>
    <message>
        <source>batch %1 / %2</source>
        <translation>Batch %1 / %2</translation>
    </message>
    <message>
        <source>ETA %1 (Fisher)</source>
        <translation>Rest %1 (Fisher)</translation>
    </message>
</context>
<context>
    <name>childtune::app::TrainingWorker</name>
    <message>
        <source>unknown error in the training thread</source>
        <translation>unbekannter Fehler im Trainings-Thread</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ChildNetworkHeatmap</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <source>Heatmap value</source>
        <translation>Wert der Heatmap</translation>
    </message>
    <message>
        <source>What the colour of each layer × module cell shows.</source>
        <translation>Was die Farbe jeder Zelle Schicht × Modul zeigt.</translation>
    </message>
    <message>
        <source>Fraction in child network</source>
        <translation>Anteil im Kindnetz</translation>
    </message>
    <message>
        <source>Mean Fisher score (log)</source>
        <translation>Mittlerer Fisher-Wert (log)</translation>
    </message>
    <message>
        <source>Max Fisher score (log)</source>
        <translation>Größter Fisher-Wert (log)</translation>
    </message>
    <message>
        <source>Child network by layer and module</source>
        <translation>Kindnetz nach Schicht und Modul</translation>
    </message>
    <message>
        <source>No Fisher information yet: estimate it with Child-Tuning_D.</source>
        <translation>Noch keine Fisher-Information: Schätzen Sie sie mit Child-Tuning_D.</translation>
    </message>
    <message>
        <source>Mean Fisher score</source>
        <translation>Mittlerer Fisher-Wert</translation>
    </message>
    <message>
        <source>Max Fisher score</source>
        <translation>Größter Fisher-Wert</translation>
    </message>
    <message>
        <source>Child network</source>
        <translation>Kindnetz</translation>
    </message>
    <message>
        <source>Child network: %1 of %2 weights (%3) at p&lt;sub&gt;D&lt;/sub&gt; = %4 · global threshold %5</source>
        <translation>Kindnetz: %1 von %2 Gewichten (%3) bei p&lt;sub&gt;D&lt;/sub&gt; = %4 · globale Schwelle %5</translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>Schicht %1 · %2</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>Gewichte: %1</translation>
    </message>
    <message>
        <source>In child network: %1 (%2)</source>
        <translation>Im Kindnetz: %1 (%2)</translation>
    </message>
    <message>
        <source>Fisher mean: %1</source>
        <translation>Fisher-Mittelwert: %1</translation>
    </message>
    <message>
        <source>Fisher median: %1</source>
        <translation>Fisher-Median: %1</translation>
    </message>
    <message>
        <source>Fisher max: %1</source>
        <translation>Fisher-Maximum: %1</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::ChildTuningDiagram</name>
    <message>
        <source>Diagram: which weights each method updates</source>
        <translation>Diagramm: welche Gewichte jede Methode aktualisiert</translation>
    </message>
    <message>
        <source>Fine-tuning updates every weight. Child-Tuning_F updates a new random fraction p_F of every weight tensor at each step, scaled by 1/p_F. Child-Tuning_D updates a fixed fraction p_D of the encoder weights chosen by Fisher information, plus all embedding, pooler and classifier weights.</source>
        <translation>Fine-Tuning aktualisiert jedes Gewicht. Child-Tuning_F aktualisiert in jedem Schritt einen neuen zufälligen Anteil p_F jedes Gewichtstensors, skaliert mit 1/p_F. Child-Tuning_D aktualisiert einen festen, nach Fisher-Information gewählten Anteil p_D der Encoder-Gewichte sowie alle Embedding-, Pooler- und Klassifikatorgewichte.</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>Fine-Tuning</translation>
    </message>
    <message>
        <source>every weight,
every step</source>
        <translation>jedes Gewicht,
jeder Schritt</translation>
    </message>
    <message>
        <source>Child-Tuning_F</source>
        <translation>Child-Tuning_F</translation>
    </message>
    <message>
        <source>random %1% per step,
kept ones ×1/p_F</source>
        <translation>zufällig %1% je Schritt,
behaltene ×1/p_F</translation>
    </message>
    <message>
        <source>Child-Tuning_D</source>
        <translation>Child-Tuning_D</translation>
    </message>
    <message>
        <source>fixed top %1%
of encoder by Fisher</source>
        <translation>feste obere %1%
des Encoders nach Fisher</translation>
    </message>
    <message>
        <source>bottom: embeddings · middle: layers · top: classifier</source>
        <translation>unten: Embeddings · Mitte: Schichten · oben: Klassifikator</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>aktualisiert</translation>
    </message>
    <message>
        <source>always updated</source>
        <translation>immer aktualisiert</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>eingefroren</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::FisherDistributionPlot</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Fisher score distribution per layer with the global threshold</source>
        <translation>Fisher-Wert-Verteilung je Schicht mit der globalen Schwelle</translation>
    </message>
    <message>
        <source>Fisher score (log scale)</source>
        <translation>Fisher-Wert (logarithmisch)</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>Encoder-Schicht</translation>
    </message>
    <message>
        <source>In child network</source>
        <translation>Im Kindnetz</translation>
    </message>
    <message>
        <source>No Fisher information yet</source>
        <translation>Noch keine Fisher-Information</translation>
    </message>
    <message>
        <source>Layer %1: %2 of its %3 weights score at or above the global threshold %4</source>
        <translation>Schicht %1: %2 ihrer %3 Gewichte erreichen oder übertreffen die globale Schwelle %4</translation>
    </message>
    <message>
        <source>Global threshold %1
(p_D = %2)</source>
        <translation>Globale Schwelle %1
(p_D = %2)</translation>
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
    <name>childtune::widgets::HistoryView</name>
    <message>
        <source>#%1 %2 %3</source>
        <translation>#%1 %2 %3</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Aufgabe:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Task filter</source>
        <translation>Aufgabenfilter</translation>
    </message>
    <message>
        <source>Method filter</source>
        <translation>Methodenfilter</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Search names, tags, notes, models…</source>
        <translation>Namen, Tags, Notizen, Modelle durchsuchen…</translation>
    </message>
    <message>
        <source>Search runs</source>
        <translation>Läufe durchsuchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the run list</source>
        <translation>Die Liste der Läufe aktualisieren</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected runs</source>
        <translation>Die gewählten Läufe löschen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export the selected runs</source>
        <translation>Die gewählten Läufe exportieren</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Train the selected run&apos;s configuration again</source>
        <translation>Die Konfiguration des gewählten Laufs erneut trainieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the selected run from its last checkpoint</source>
        <translation>Den gewählten Lauf ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Notes &amp;&amp; tags</source>
        <translation>Notizen &amp;&amp; Tags</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>Laufdetails</translation>
    </message>
    <message>
        <source>Curves of the selected runs</source>
        <translation>Kurven der gewählten Läufe</translation>
    </message>
    <message>
        <source>Configuration differences (seed ignored):</source>
        <translation>Unterschiede in der Konfiguration (Seed ignoriert):</translation>
    </message>
    <message>
        <source>Configuration differences</source>
        <translation>Unterschiede in der Konfiguration</translation>
    </message>
    <message>
        <source>Runs that differ only by seed (final metrics):</source>
        <translation>Läufe, die sich nur im Seed unterscheiden (Endmetriken):</translation>
    </message>
    <message>
        <source>Seed groups</source>
        <translation>Seed-Gruppen</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Mean ± std</source>
        <translation>Mittelwert ± Std.-Abw.</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>T&amp;ags (comma separated):</source>
        <translation>T&amp;ags (durch Kommas getrennt):</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Save notes and tags</source>
        <translation>Notizen und Tags speichern</translation>
    </message>
    <message>
        <source>Cannot open the run store %1: %2</source>
        <translation>Der Laufspeicher %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Cannot read the run store: %1</source>
        <translation>Der Laufspeicher lässt sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Alle Aufgaben</translation>
    </message>
    <message>
        <source>All methods</source>
        <translation>Alle Methoden</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Cannot read the curves of run %1: %2</source>
        <translation>Die Kurven von Lauf %1 lassen sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>No run store is open.</source>
        <translation>Kein Laufspeicher geöffnet.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected run(s) differ only by seed.</source>
        <translation>
            <numerusform>Der gewählte Lauf unterscheidet sich nur im Seed.</numerusform>
            <numerusform>Die %n gewählten Läufe unterscheiden sich nur im Seed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) differ between the selected runs (seed ignored).</source>
        <translation>
            <numerusform>%n Einstellung unterscheidet sich zwischen den gewählten Läufen (Seed ignoriert).</numerusform>
            <numerusform>%n Einstellungen unterscheiden sich zwischen den gewählten Läufen (Seed ignoriert).</numerusform>
        </translation>
    </message>
    <message>
        <source>Select runs to compare. Seed groups of all listed finished runs are shown below.</source>
        <translation>Wählen Sie Läufe zum Vergleichen. Unten stehen die Seed-Gruppen aller aufgeführten fertigen Läufe.</translation>
    </message>
    <message>
        <source>Select two or more runs to compare their settings.</source>
        <translation>Wählen Sie zwei oder mehr Läufe, um ihre Einstellungen zu vergleichen.</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>Cannot compare the runs: %1</source>
        <translation>Die Läufe lassen sich nicht vergleichen: %1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and everything recorded for them? Checkpoint folders on disk are kept.</source>
        <translation>
            <numerusform>%n Lauf und alles dazu Aufgezeichnete löschen? Checkpoint-Ordner auf der Festplatte bleiben erhalten.</numerusform>
            <numerusform>%n Läufe und alles dazu Aufgezeichnete löschen? Checkpoint-Ordner auf der Festplatte bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was deleted: %1</source>
        <translation>Nichts wurde gelöscht: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>Läufe exportieren</translation>
    </message>
    <message>
        <source>runs.json</source>
        <translation>runs.json</translation>
    </message>
    <message>
        <source>Cannot re-run run %1: %2</source>
        <translation>Lauf %1 kann nicht erneut ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Cannot save the notes of run %1: %2</source>
        <translation>Die Notizen von Lauf %1 lassen sich nicht speichern: %2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::LearnView</name>
    <message>
        <source>Explanation of fine-tuning and Child-Tuning</source>
        <translation>Erklärung von Fine-Tuning und Child-Tuning</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fine-tuning&lt;/h3&gt;&lt;p&gt;A pretrained language model already knows a lot about text. To teach it a task, such as telling positive from negative reviews, we put a small classifier on top and keep training &lt;i&gt;all&lt;/i&gt; of its weights on labelled examples. Each step runs a batch through the model, measures the loss, back-propagates a gradient to every weight, clips the length of all gradients together to at most 1, and lets AdamW turn each gradient into a small update.&lt;/p&gt;&lt;h3&gt;Child-Tuning&lt;/h3&gt;&lt;p&gt;Child-Tuning (Xu et al., EMNLP 2021) updates only a &lt;b&gt;child network&lt;/b&gt;, a subset of the weights, by setting the other gradients to zero before the optimizer sees them. Changing fewer weights keeps more of what pretraining learned, which often helps on small datasets.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_F&lt;/b&gt; (task-free): at every step each gradient element is kept with probability p_F, a fresh Bernoulli draw, and the kept ones are multiplied by 1/p_F so the gradient stays the same on average. The mask covers every parameter. A dropped weight can still move a little through Adam&apos;s momentum from earlier steps.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_D&lt;/b&gt; (task-driven): before training, the Fisher information of each encoder weight (its squared gradient, averaged over the training data) measures how much the task depends on it. The top p_D of all encoder weights, cut by one global threshold, form the child network, fixed for the whole run; their gradients pass unscaled. Encoder weights outside it never get a gradient, so only weight decay changes them. Embeddings, pooler and classifier are always updated.&lt;/p&gt;&lt;p&gt;The step-through trains a tiny BERT on a toy sentiment task with ChildTune&apos;s own optimizer and masks, one real step at a time.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Fine-Tuning&lt;/h3&gt;&lt;p&gt;Ein vortrainiertes Sprachmodell weiß bereits viel über Text. Um ihm eine Aufgabe beizubringen, etwa positive von negativen Rezensionen zu unterscheiden, setzen wir einen kleinen Klassifikator obenauf und trainieren &lt;i&gt;alle&lt;/i&gt; seine Gewichte an gelabelten Beispielen weiter. Jeder Schritt schickt einen Batch durch das Modell, misst den Loss, propagiert einen Gradienten zu jedem Gewicht zurück, begrenzt die Länge aller Gradienten zusammen auf höchstens 1 und lässt AdamW aus jedem Gradienten eine kleine Änderung machen.&lt;/p&gt;&lt;h3&gt;Child-Tuning&lt;/h3&gt;&lt;p&gt;Child-Tuning (Xu et al., EMNLP 2021) aktualisiert nur ein &lt;b&gt;Kindnetz&lt;/b&gt;, eine Teilmenge der Gewichte, indem es die übrigen Gradienten auf null setzt, bevor der Optimierer sie sieht. Wer weniger Gewichte ändert, bewahrt mehr von dem, was das Vortraining gelernt hat; das hilft oft bei kleinen Datensätzen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_F&lt;/b&gt; (aufgabenunabhängig): In jedem Schritt bleibt jedes Gradientenelement mit der Wahrscheinlichkeit p_F erhalten, in einer neuen Bernoulli-Ziehung, und die behaltenen werden mit 1/p_F multipliziert, sodass der Gradient im Mittel gleich bleibt. Die Maske deckt jeden Parameter ab. Ein verworfenes Gewicht kann sich durch Adams Momentum aus früheren Schritten noch etwas bewegen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Child-Tuning_D&lt;/b&gt; (aufgabengetrieben): Vor dem Training misst die Fisher-Information jedes Encoder-Gewichts (sein quadrierter Gradient, gemittelt über die Trainingsdaten), wie sehr die Aufgabe davon abhängt. Die obersten p_D aller Encoder-Gewichte, getrennt durch eine globale Schwelle, bilden das Kindnetz, fest für den ganzen Lauf; ihre Gradienten passieren unskaliert. Encoder-Gewichte außerhalb davon erhalten nie einen Gradienten, nur der Weight Decay verändert sie. Embeddings, Pooler und Klassifikator werden immer aktualisiert.&lt;/p&gt;&lt;p&gt;Die Schritt-für-Schritt-Ansicht trainiert ein winziges BERT auf einer Spielzeug-Sentimentaufgabe mit ChildTunes eigenem Optimierer und eigenen Masken, einen echten Schritt nach dem anderen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Step through one optimizer step at a time&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Schritt für Schritt durch einzelne Optimiererschritte&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Fine-tuning (vanilla)</source>
        <translation>Fine-Tuning (normal)</translation>
    </message>
    <message>
        <source>Child-Tuning_F</source>
        <translation>Child-Tuning_F</translation>
    </message>
    <message>
        <source>Child-Tuning_D</source>
        <translation>Child-Tuning_D</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Which weights get a gradient at each step</source>
        <translation>Welche Gewichte in jedem Schritt einen Gradienten erhalten</translation>
    </message>
    <message>
        <source>Reserve fraction p</source>
        <translation>Reserveanteil p</translation>
    </message>
    <message>
        <source>The fraction of weights in the child network (p_D) or kept per step (p_F)</source>
        <translation>Der Anteil der Gewichte im Kindnetz (p_D) oder der je Schritt behaltenen (p_F)</translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>Schicht %1 · %2</translation>
    </message>
    <message>
        <source>Watched weight matrix</source>
        <translation>Beobachtete Gewichtsmatrix</translation>
    </message>
    <message>
        <source>The weight matrix whose top-left 8 × 8 block is shown</source>
        <translation>Die Gewichtsmatrix, deren linker oberer 8 × 8-Block gezeigt wird</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>AdamW&apos;s step size; the first Adam step moves a weight by about this much</source>
        <translation>Die Schrittweite von AdamW; der erste Adam-Schritt bewegt ein Gewicht um etwa so viel</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Seeds the tiny model, its data and the Bernoulli masks: the same seed gives the same steps</source>
        <translation>Initialisiert das winzige Modell, seine Daten und die Bernoulli-Masken: Derselbe Seed ergibt dieselben Schritte</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> Schritte/s</translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation>Abspielgeschwindigkeit</translation>
    </message>
    <message>
        <source>Steps per second while playing</source>
        <translation>Schritte pro Sekunde beim Abspielen</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Take a step at the chosen speed</source>
        <translation>Schritte im gewählten Tempo ausführen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop after the current step</source>
        <translation>Nach dem aktuellen Schritt anhalten</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Take exactly one step</source>
        <translation>Genau einen Schritt ausführen</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Start again from the same initial weights (step 0)</source>
        <translation>Von denselben Anfangsgewichten neu beginnen (Schritt 0)</translation>
    </message>
    <message>
        <source>element-wise product</source>
        <translation>elementweises Produkt</translation>
    </message>
    <message>
        <source>masked (and rescaled)</source>
        <translation>maskiert (und neu skaliert)</translation>
    </message>
    <message>
        <source>Adam
→</source>
        <translation>Adam
→</translation>
    </message>
    <message>
        <source>AdamW: moments, bias correction, weight decay</source>
        <translation>AdamW: Momente, Bias-Korrektur, Weight Decay</translation>
    </message>
    <message>
        <source>added to the weights</source>
        <translation>zu den Gewichten addiert</translation>
    </message>
    <message>
        <source>Blue negative, red positive, white zero; each grid scales to its largest value. Hatched cells got no gradient this step. Hover a cell for its exact value.</source>
        <translation>Blau negativ, Rot positiv, Weiß null; jedes Raster skaliert auf seinen größten Wert. Schraffierte Zellen erhielten in diesem Schritt keinen Gradienten. Zeigen Sie auf eine Zelle, um ihren genauen Wert zu sehen.</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>What this step did</source>
        <translation>Was dieser Schritt bewirkt hat</translation>
    </message>
    <message>
        <source>Fisher score</source>
        <translation>Fisher-Wert</translation>
    </message>
    <message>
        <source>Tiny %1 · %2 examples, batch %3 · %4 weights</source>
        <translation>Winziges %1 · %2 Beispiele, Batch %3 · %4 Gewichte</translation>
    </message>
    <message>
        <source>Gradient (clipped)</source>
        <translation>Gradient (begrenzt)</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Update Δw</source>
        <translation>Änderung Δw</translation>
    </message>
    <message>
        <source>Bernoulli mask</source>
        <translation>Bernoulli-Maske</translation>
    </message>
    <message>
        <source>Masked × 1/%1</source>
        <translation>Maskiert × 1/%1</translation>
    </message>
    <message>
        <source>Mask (all kept)</source>
        <translation>Maske (alle behalten)</translation>
    </message>
    <message>
        <source>Gradient to Adam</source>
        <translation>Gradient an Adam</translation>
    </message>
    <message>
        <source>Fisher child mask</source>
        <translation>Fisher-Kindmaske</translation>
    </message>
    <message>
        <source>Masked gradient</source>
        <translation>Maskierter Gradient</translation>
    </message>
    <message>
        <source>p_F</source>
        <translation>p_F</translation>
    </message>
    <message>
        <source>p_D</source>
        <translation>p_D</translation>
    </message>
    <message>
        <source>The step-through could not start; see the message above.</source>
        <translation>Die Schritt-für-Schritt-Ansicht konnte nicht starten; siehe die Meldung oben.</translation>
    </message>
    <message>
        <source>Step 0 · watching the top-left %1 × %2 of %3 (%4 × %5)</source>
        <translation>Schritt 0 · beobachtet wird der linke obere %1 × %2-Block von %3 (%4 × %5)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Step 0.&lt;/b&gt; The weights on the right are the tiny model&apos;s starting point. Press &lt;b&gt;Step&lt;/b&gt; to run one real optimizer step, or &lt;b&gt;Play&lt;/b&gt;.</source>
        <translation>&lt;b&gt;Schritt 0.&lt;/b&gt; Die Gewichte rechts sind der Ausgangspunkt des winzigen Modells. Drücken Sie &lt;b&gt;Schritt&lt;/b&gt;, um einen echten Optimiererschritt auszuführen, oder &lt;b&gt;Abspielen&lt;/b&gt;.</translation>
    </message>
    <message>
        <source> Fisher information was estimated over all %1 training examples: %2 of %3 encoder weights (%4%) are above the global threshold %5 and form the child network. Hover the mask to see each weight&apos;s Fisher score.</source>
        <translation> Die Fisher-Information wurde über alle %1 Trainingsbeispiele geschätzt: %2 von %3 Encoder-Gewichten (%4%) liegen über der globalen Schwelle %5 und bilden das Kindnetz. Zeigen Sie auf die Maske, um den Fisher-Wert jedes Gewichts zu sehen.</translation>
    </message>
    <message>
        <source>clipped ×%1</source>
        <translation>begrenzt ×%1</translation>
    </message>
    <message>
        <source>not clipped</source>
        <translation>nicht begrenzt</translation>
    </message>
    <message>
        <source>Step %1 · loss %2 · gradient norm %3 (%4) · lr %5 · %6% of all weights got a gradient</source>
        <translation>Schritt %1 · Loss %2 · Gradientennorm %3 (%4) · LR %5 · %6% aller Gewichte erhielten einen Gradienten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fine-tuning&lt;/b&gt; passes every gradient element to Adam (%1 of %2 here). Adam divides each by the running size of its own past gradients, so after the first steps every weight moves by roughly the learning rate, whatever its gradient&apos;s size.</source>
        <translation>&lt;b&gt;Fine-Tuning&lt;/b&gt; gibt jedes Gradientenelement an Adam weiter (hier %1 von %2). Adam teilt jedes durch die laufende Größe seiner eigenen früheren Gradienten, daher bewegt sich nach den ersten Schritten jedes Gewicht um ungefähr die Lernrate, wie groß sein Gradient auch ist.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Child-Tuning_F&lt;/b&gt; drew a new Bernoulli mask for step %1: %2 of %3 elements here were kept (p_F = %4) and multiplied by 1/p_F = %5, so the gradient is unchanged on average. Hatched cells got no gradient this step; they still move a little through Adam&apos;s momentum from earlier steps and by weight decay. Press Step again: the mask changes.</source>
        <translation>&lt;b&gt;Child-Tuning_F&lt;/b&gt; hat für Schritt %1 eine neue Bernoulli-Maske gezogen: Hier wurden %2 von %3 Elementen behalten (p_F = %4) und mit 1/p_F = %5 multipliziert, sodass der Gradient im Mittel unverändert bleibt. Schraffierte Zellen erhielten in diesem Schritt keinen Gradienten; sie bewegen sich durch Adams Momentum aus früheren Schritten und durch Weight Decay dennoch etwas. Drücken Sie erneut Schritt: Die Maske ändert sich.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Child-Tuning_D&lt;/b&gt; uses the same child network at every step, chosen once from Fisher information: %1 of %2 elements here are in it. Their gradients pass unscaled. The hatched ones never get a gradient, so Adam leaves them alone and only weight decay (−lr · wd · w, a few millionths) shrinks them. Embeddings, pooler and classifier are always updated.</source>
        <translation>&lt;b&gt;Child-Tuning_D&lt;/b&gt; verwendet in jedem Schritt dasselbe Kindnetz, einmal anhand der Fisher-Information gewählt: Hier gehören %1 von %2 Elementen dazu. Ihre Gradienten passieren unskaliert. Die schraffierten erhalten nie einen Gradienten, daher lässt Adam sie in Ruhe und nur Weight Decay (−lr · wd · w, wenige Millionstel) verkleinert sie. Embeddings, Pooler und Klassifikator werden immer aktualisiert.</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::MaskDensityPlot</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Sampled gradient mask density per layer</source>
        <translation>Gezogene Gradientenmaskendichte je Schicht</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>Encoder-Schicht</translation>
    </message>
    <message>
        <source>Mask density</source>
        <translation>Maskendichte</translation>
    </message>
    <message>
        <source>No Child-Tuning_F masks sampled yet</source>
        <translation>Noch keine Child-Tuning_F-Masken gezogen</translation>
    </message>
    <message>
        <source>expected p_F = %1</source>
        <translation>erwartet p_F = %1</translation>
    </message>
    <message>
        <source>Sampled gradient mask density</source>
        <translation>Gezogene Gradientenmaskendichte</translation>
    </message>
    <message>
        <source>Sampled gradient mask density at step %1</source>
        <translation>Gezogene Gradientenmaskendichte bei Schritt %1</translation>
    </message>
    <message>
        <source>Layer %1: %2 of the gradient kept (expected %3)</source>
        <translation>Schicht %1: %2 des Gradienten behalten (erwartet %3)</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::MatrixGridWidget</name>
    <message>
        <source>%1
row %2, column %3</source>
        <translation>%1
Zeile %2, Spalte %3</translation>
    </message>
    <message>
        <source>kept (1)</source>
        <translation>behalten (1)</translation>
    </message>
    <message>
        <source>dropped (0)</source>
        <translation>verworfen (0)</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>Wert %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no step yet</source>
        <translation>noch kein Schritt</translation>
    </message>
    <message>
        <source>%1 of %2 kept</source>
        <translation>%1 von %2 behalten</translation>
    </message>
    <message>
        <source>colour range ±%1</source>
        <translation>Farbbereich ±%1</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>%1 by %2 matrix, %3</source>
        <translation>%1×%2-Matrix, %3</translation>
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
    <name>childtune::widgets::ModuleKindShort</name>
    <message>
        <source>Embed.</source>
        <translation>Embed.</translation>
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
        <source>Attn. out</source>
        <translation>Attn.-Ausg.</translation>
    </message>
    <message>
        <source>Interm.</source>
        <translation>Zwischen.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>LN</source>
        <translation>LN</translation>
    </message>
    <message>
        <source>Pooler</source>
        <translation>Pooler</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
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
    <name>childtune::widgets::OverlapHeatmap</name>
    <message>
        <source>Child network overlap per layer (Jaccard index)</source>
        <translation>Überlappung der Kindnetze je Schicht (Jaccard-Index)</translation>
    </message>
    <message>
        <source>Jaccard index</source>
        <translation>Jaccard-Index</translation>
    </message>
    <message>
        <source>Encoder layer</source>
        <translation>Encoder-Schicht</translation>
    </message>
    <message>
        <source>Select two runs with child networks to compare them.</source>
        <translation>Wählen Sie zwei Läufe mit Kindnetzen, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>%1
Layer %2: Jaccard %3</source>
        <translation>%1
Schicht %2: Jaccard %3</translation>
    </message>
    <message>
        <source>not in both runs</source>
        <translation>nicht in beiden Läufen</translation>
    </message>
    <message>
        <source>Child network overlap</source>
        <translation>Überlappung der Kindnetze</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Child network overlap (Jaccard, all layers) · %1</source>
        <translation>Überlappung der Kindnetze (Jaccard, alle Schichten) · %1</translation>
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
    <name>childtune::widgets::RunConfigForm</name>
    <message>
        <source>Vanilla fine-tuning</source>
        <translation>Normales Fine-Tuning</translation>
    </message>
    <message>
        <source>Child-Tuning_F (task-free)</source>
        <translation>Child-Tuning_F (aufgabenunabhängig)</translation>
    </message>
    <message>
        <source>Child-Tuning_D (task-driven)</source>
        <translation>Child-Tuning_D (aufgabengetrieben)</translation>
    </message>
    <message>
        <source>Ablation: random child network</source>
        <translation>Ablation: zufälliges Kindnetz</translation>
    </message>
    <message>
        <source>Ablation: lowest-Fisher child network</source>
        <translation>Ablation: Kindnetz mit den niedrigsten Fisher-Werten</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>Reserve &amp;p:</source>
        <translation>Reserveanteil &amp;p:</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Lernrate:</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Batchgröße:</translation>
    </message>
    <message>
        <source>Max &amp;length:</source>
        <translation>Max. Lä&amp;nge:</translation>
    </message>
    <message>
        <source>&amp;Warmup:</source>
        <translation>&amp;Warmup:</translation>
    </message>
    <message>
        <source>Weight &amp;decay:</source>
        <translation>Weight &amp;Decay:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Seed:</translation>
    </message>
    <message>
        <source>Training &amp;subset:</source>
        <translation>Trainings&amp;teilmenge:</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>Vanilla updates every weight; Child-Tuning updates only a child network of them.</source>
        <translation>Normales Fine-Tuning aktualisiert jedes Gewicht; Child-Tuning nur ein Kindnetz davon.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Fraction of the weights in the child network: p_F for Child-Tuning_F (kept per step at random), p_D for Child-Tuning_D (highest Fisher).</source>
        <translation>Anteil der Gewichte im Kindnetz: p_F für Child-Tuning_F (je Schritt zufällig behalten), p_D für Child-Tuning_D (höchste Fisher-Werte).</translation>
    </message>
    <message>
        <source>Reserve ratio p</source>
        <translation>Reserveanteil p</translation>
    </message>
    <message>
        <source>Reserve ratio p slider</source>
        <translation>Schieberegler für den Reserveanteil p</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Use the paper&apos;s p for this task</source>
        <translation>Das p aus dem Paper für diese Aufgabe verwenden</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW, reached after warmup and decayed linearly.</source>
        <translation>Höchste Lernrate von AdamW, nach dem Warmup erreicht und danach linear abfallend.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>How many times training goes over the whole training set.</source>
        <translation>Wie oft das Training den ganzen Trainingsdatensatz durchläuft.</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Examples per optimizer step.</source>
        <translation>Beispiele pro Optimiererschritt.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Longest input in tokens, special tokens included; longer inputs are truncated.</source>
        <translation>Längste Eingabe in Tokens, Spezialtokens eingeschlossen; längere Eingaben werden gekürzt.</translation>
    </message>
    <message>
        <source>Maximum length</source>
        <translation>Maximale Länge</translation>
    </message>
    <message>
        <source>Fraction of all steps over which the learning rate rises from 0.</source>
        <translation>Anteil aller Schritte, in denen die Lernrate von 0 ansteigt.</translation>
    </message>
    <message>
        <source>Warmup ratio</source>
        <translation>Warmup-Anteil</translation>
    </message>
    <message>
        <source>AdamW&apos;s decoupled weight decay, applied to every weight.</source>
        <translation>Der entkoppelte Weight Decay von AdamW, auf jedes Gewicht angewandt.</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>Seed for data order, dropout, masks and the classifier&apos;s start values.</source>
        <translation>Seed für Datenreihenfolge, Dropout, Masken und die Startwerte des Klassifikators.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>× </source>
        <translation>× </translation>
    </message>
    <message>
        <source> seeds</source>
        <translation> Seeds</translation>
    </message>
    <message>
        <source>Start this many runs one after another, with seeds seed, seed+1, …</source>
        <translation>So viele Läufe nacheinander starten, mit den Seeds seed, seed+1, …</translation>
    </message>
    <message>
        <source>Number of seeds</source>
        <translation>Anzahl der Seeds</translation>
    </message>
    <message>
        <source>all examples</source>
        <translation>alle Beispiele</translation>
    </message>
    <message>
        <source>Train on only this many examples (0: all), e.g. 1000 for the paper&apos;s low-resource setting.</source>
        <translation>Nur mit so vielen Beispielen trainieren (0: alle), z. B. 1000 für die Low-Resource-Einstellung des Papers.</translation>
    </message>
    <message>
        <source>Training subset size</source>
        <translation>Größe der Trainingsteilmenge</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>Draw the subset at random (with the seed) instead of taking the first examples.</source>
        <translation>Die Teilmenge zufällig (mit dem Seed) ziehen, statt die ersten Beispiele zu nehmen.</translation>
    </message>
    <message>
        <source>Random subset</source>
        <translation>Zufällige Teilmenge</translation>
    </message>
    <message>
        <source>Where the model trains: the CPU or a CUDA GPU.</source>
        <translation>Wo das Modell trainiert: auf der CPU oder einer CUDA-GPU.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Validation message</source>
        <translation>Prüfmeldung</translation>
    </message>
    <message>
        <source>Reserve p_&amp;F:</source>
        <translation>Reserveanteil p_&amp;F:</translation>
    </message>
    <message>
        <source>Reserve p_&amp;D:</source>
        <translation>Reserveanteil p_&amp;D:</translation>
    </message>
    <message>
        <source>Vanilla fine-tuning updates every weight (p = 1).</source>
        <translation>Normales Fine-Tuning aktualisiert jedes Gewicht (p = 1).</translation>
    </message>
    <message>
        <source>Use the Child-Tuning paper&apos;s value for %1: p = %2</source>
        <translation>Den Wert aus dem Child-Tuning-Paper für %1 verwenden: p = %2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::RunHistoryModel</name>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Vanilla</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Child-Tuning_F</source>
        <translation>Child-Tuning_F</translation>
    </message>
    <message>
        <source>Child-Tuning_D</source>
        <translation>Child-Tuning_D</translation>
    </message>
    <message>
        <source>Child-Tuning_D (random)</source>
        <translation>Child-Tuning_D (zufällig)</translation>
    </message>
    <message>
        <source>Child-Tuning_D (lowest)</source>
        <translation>Child-Tuning_D (niedrigste)</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Final score</source>
        <translation>Endergebnis</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::SparklineWidget</name>
    <message>
        <source>%1: no steps yet</source>
        <translation>%1: noch keine Schritte</translation>
    </message>
    <message>
        <source>%1 %2 (min %3, max %4)</source>
        <translation>%1 %2 (min. %3, max. %4)</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::TaskPickerWidget</name>
    <message>
        <source>The benchmark task to fine-tune on.</source>
        <translation>Die Benchmark-Aufgabe für das Fine-Tuning.</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Choose the folder that holds the GLUE tasks (&lt;TASK&gt;/train.tsv, …).</source>
        <translation>Wählen Sie den Ordner mit den GLUE-Aufgaben (&lt;TASK&gt;/train.tsv, …).</translation>
    </message>
    <message>
        <source>Locate the GLUE data folder</source>
        <translation>Den GLUE-Datenordner angeben</translation>
    </message>
    <message>
        <source>Preview of the task&apos;s first rows</source>
        <translation>Vorschau der ersten Zeilen der Aufgabe</translation>
    </message>
    <message>
        <source>Task description</source>
        <translation>Beschreibung der Aufgabe</translation>
    </message>
    <message>
        <source>Where the task&apos;s data was found</source>
        <translation>Wo die Daten der Aufgabe gefunden wurden</translation>
    </message>
    <message>
        <source>Locate the GLUE Data Folder</source>
        <translation>GLUE-Datenordner angeben</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>Metric: %1 · train %2 · %3 %4 · %n label(s)</source>
        <translation>
            <numerusform>Metrik: %1 · Training %2 · %3 %4 · %n Label</numerusform>
            <numerusform>Metrik: %1 · Training %2 · %3 %4 · %n Labels</numerusform>
        </translation>
    </message>
    <message>
        <source>the folder you located</source>
        <translation>der von Ihnen angegebene Ordner</translation>
    </message>
    <message>
        <source>the app&apos;s data folder</source>
        <translation>der Datenordner der App</translation>
    </message>
    <message>
        <source>Data: %1 (from %2)</source>
        <translation>Daten: %1 (aus %2)</translation>
    </message>
    <message>
        <source>First rows of the %1 split:</source>
        <translation>Erste Zeilen des Splits %1:</translation>
    </message>
    <message>
        <source>Cannot read the preview: %1</source>
        <translation>Die Vorschau lässt sich nicht lesen: %1</translation>
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
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Download the official GLUE data of this task into the app&apos;s data folder.</source>
        <translation>Die offiziellen GLUE-Daten dieser Aufgabe in den Datenordner der App herunterladen.</translation>
    </message>
    <message>
        <source>Download the task&apos;s data</source>
        <translation>Die Daten der Aufgabe herunterladen</translation>
    </message>
    <message>
        <source>Why the located folder cannot be used</source>
        <translation>Warum der angegebene Ordner nicht verwendet werden kann</translation>
    </message>
    <message>
        <source>%1 holds no %2 data. Choose the folder that contains %3 (or the %4 folder itself).</source>
        <translation>%1 enthält keine %2-Daten. Wählen Sie den Ordner, der %3 enthält (oder den Ordner %4 selbst).</translation>
    </message>
    <message>
        <source>Locate… / Download…</source>
        <translation>Suchen… / Herunterladen…</translation>
    </message>
    <message>
        <source>Data incomplete in %1: %2 missing — %3</source>
        <translation>Daten in %1 unvollständig: %2 fehlt — %3</translation>
    </message>
    <message>
        <source>Data not found — %1 (or set $CHILDTUNE_GLUE_DIR)</source>
        <translation>Daten nicht gefunden — %1 (oder $CHILDTUNE_GLUE_DIR setzen)</translation>
    </message>
    <message>
        <source>Data not found in %1 — %2</source>
        <translation>Daten nicht in %1 gefunden — %2</translation>
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
<context>
    <name>childtune::widgets::TrainingChartWidget</name>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>Dieser Lauf</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Loss smoothing</source>
        <translation>Glättung des Loss</translation>
    </message>
    <message>
        <source>Exponential moving average of the training loss, as in TensorBoard (0 = raw).</source>
        <translation>Exponentieller gleitender Mittelwert des Trainings-Loss, wie in TensorBoard (0 = ungeglättet).</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log-Skala</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>Logarithmische Loss-Achse</translation>
    </message>
    <message>
        <source>Show the training loss on a logarithmic axis.</source>
        <translation>Den Trainings-Loss auf einer logarithmischen Achse zeigen.</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Reset chart view</source>
        <translation>Diagrammansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Fit all curves again after zooming or panning (also: double-click the chart).</source>
        <translation>Nach Zoomen oder Verschieben wieder alle Kurven einpassen (auch: Doppelklick auf das Diagramm).</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Save the chart as an image or PDF, or its data as CSV.</source>
        <translation>Das Diagramm als Bild oder PDF oder seine Daten als CSV speichern.</translation>
    </message>
    <message>
        <source>PNG Image…</source>
        <translation>PNG-Bild…</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>PDF Document…</source>
        <translation>PDF-Dokument…</translation>
    </message>
    <message>
        <source>Export Chart as PDF</source>
        <translation>Diagramm als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>CSV Data…</source>
        <translation>CSV-Daten…</translation>
    </message>
    <message>
        <source>Export Chart Data as CSV</source>
        <translation>Diagrammdaten als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainings-Loss</translation>
    </message>
    <message>
        <source>Dev metric</source>
        <translation>Dev-Metrik</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>No training steps yet</source>
        <translation>Noch keine Trainingsschritte</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Could not write the image %1.</source>
        <translation>Das Bild %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Could not write the PDF %1.</source>
        <translation>Das PDF %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WeightMapView</name>
    <message>
        <source>Fisher scores</source>
        <translation>Fisher-Werte</translation>
    </message>
    <message>
        <source>Colour each block by the largest Fisher score in it (log scale).</source>
        <translation>Jeden Block nach dem größten Fisher-Wert darin einfärben (logarithmisch).</translation>
    </message>
    <message>
        <source>Child network</source>
        <translation>Kindnetz</translation>
    </message>
    <message>
        <source>Colour each block by the fraction of its weights in the child network.</source>
        <translation>Jeden Block nach dem Anteil seiner Gewichte im Kindnetz einfärben.</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Reset weight map view</source>
        <translation>Ansicht der Gewichtskarte zurücksetzen</translation>
    </message>
    <message>
        <source>Show the whole tensor again (also: double-click the map).</source>
        <translation>Wieder den ganzen Tensor zeigen (auch: Doppelklick auf die Karte).</translation>
    </message>
    <message>
        <source>Weight map</source>
        <translation>Gewichtskarte</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap to see that weight matrix.</source>
        <translation>Klicken Sie auf eine Zelle der Heatmap, um diese Gewichtsmatrix zu sehen.</translation>
    </message>
    <message>
        <source>No weight matrix selected</source>
        <translation>Keine Gewichtsmatrix gewählt</translation>
    </message>
    <message>
        <source>%1 values</source>
        <translation>%1 Werte</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>(%1 × %2 blocks of %3 × %4)</source>
        <translation>(%1 × %2 Blöcke zu %3 × %4)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Max Fisher score in block</source>
        <translation>Größter Fisher-Wert im Block</translation>
    </message>
    <message>
        <source>Fraction in child network</source>
        <translation>Anteil im Kindnetz</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Rows %1, columns %2</source>
        <translation>Zeilen %1, Spalten %2</translation>
    </message>
    <message>
        <source>Elements %1</source>
        <translation>Elemente %1</translation>
    </message>
    <message>
        <source>Max Fisher score: %1</source>
        <translation>Größter Fisher-Wert: %1</translation>
    </message>
    <message>
        <source>In child network: %1 %</source>
        <translation>Im Kindnetz: %1 %</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WeightMovementHeatmap</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <source>Weight movement measure</source>
        <translation>Maß der Gewichtsbewegung</translation>
    </message>
    <message>
        <source>What the colour of each layer × module cell shows.</source>
        <translation>Was die Farbe jeder Zelle Schicht × Modul zeigt.</translation>
    </message>
    <message>
        <source>Relative change ‖Δw‖ / ‖w₀‖</source>
        <translation>Relative Änderung ‖Δw‖ / ‖w₀‖</translation>
    </message>
    <message>
        <source>Mean |Δw|</source>
        <translation>Mittleres |Δw|</translation>
    </message>
    <message>
        <source>Fraction of weights changed</source>
        <translation>Anteil geänderter Gewichte</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>&amp;Logarithmische Skala</translation>
    </message>
    <message>
        <source>Logarithmic colour scale</source>
        <translation>Logarithmische Farbskala</translation>
    </message>
    <message>
        <source>Colour by the logarithm of the value: small movements stay visible next to large ones.</source>
        <translation>Färbt nach dem Logarithmus des Werts: Kleine Bewegungen bleiben neben großen sichtbar.</translation>
    </message>
    <message>
        <source>Where the weights moved, by layer and module</source>
        <translation>Wohin sich die Gewichte bewegten, nach Schicht und Modul</translation>
    </message>
    <message>
        <source>Where the weights moved appears when a run has finished training: how far each layer and module went from the pretrained weights.</source>
        <translation>Wohin sich die Gewichte bewegten, erscheint, wenn ein Lauf fertig trainiert hat: wie weit sich jede Schicht und jedes Modul von den vortrainierten Gewichten entfernt hat.</translation>
    </message>
    <message>
        <source>‖Δw‖ / ‖w₀‖</source>
        <translation>‖Δw‖ / ‖w₀‖</translation>
    </message>
    <message>
        <source>Fraction changed</source>
        <translation>Anteil geändert</translation>
    </message>
    <message>
        <source>Where the weights moved</source>
        <translation>Wohin sich die Gewichte bewegten</translation>
    </message>
    <message numerus="yes">
        <source>Where the weights moved after %n step(s): encoder ‖Δw‖ / ‖w₀‖ = %1, mean |Δw| = %2, %3 of the weights changed</source>
        <translation>
            <numerusform>Wohin sich die Gewichte nach %n Schritt bewegten: Encoder ‖Δw‖ / ‖w₀‖ = %1, mittleres |Δw| = %2, %3 der Gewichte geändert</numerusform>
            <numerusform>Wohin sich die Gewichte nach %n Schritten bewegten: Encoder ‖Δw‖ / ‖w₀‖ = %1, mittleres |Δw| = %2, %3 der Gewichte geändert</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>Schicht %1 · %2</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>Gewichte: %1</translation>
    </message>
    <message>
        <source>Changed: %1 (%2)</source>
        <translation>Geändert: %1 (%2)</translation>
    </message>
    <message>
        <source>Mean |Δw|: %1</source>
        <translation>Mittleres |Δw|: %1</translation>
    </message>
    <message>
        <source>Max |Δw|: %1</source>
        <translation>Größtes |Δw|: %1</translation>
    </message>
    <message>
        <source>‖Δw‖: %1 · ‖w₀‖: %2</source>
        <translation>‖Δw‖: %1 · ‖w₀‖: %2</translation>
    </message>
    <message>
        <source>Relative change ‖Δw‖ / ‖w₀‖: %1</source>
        <translation>Relative Änderung ‖Δw‖ / ‖w₀‖: %1</translation>
    </message>
</context>
<context>
    <name>childtune::widgets::WhatIfControl</name>
    <message>
        <source>What if p&lt;sub&gt;D&lt;/sub&gt; =</source>
        <translation>Was wäre, wenn p&lt;sub&gt;D&lt;/sub&gt; =</translation>
    </message>
    <message>
        <source>Child network fraction p_D</source>
        <translation>Kindnetz-Anteil p_D</translation>
    </message>
    <message>
        <source>Re-threshold the cached Fisher scores: the share of weights in the child network.</source>
        <translation>Die zwischengespeicherten Fisher-Werte neu schwellen: der Anteil der Gewichte im Kindnetz.</translation>
    </message>
    <message>
        <source>Child network: not estimated yet</source>
        <translation>Kindnetz: noch nicht geschätzt</translation>
    </message>
    <message>
        <source>Child network: %1 of %2 weights (%3 %)</source>
        <translation>Kindnetz: %1 von %2 Gewichten (%3 %)</translation>
    </message>
</context>
</TS>
