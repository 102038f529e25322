<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>About</name>
    <message>
        <source>Checks a subsidiary&apos;s sales-pipeline workbook against the global reporting template and exports a clean submission file.</source>
        <translation>Prüft die Pipeline-Arbeitsmappe einer Tochtergesellschaft gegen die globale Berichtsvorlage und exportiert eine bereinigte Abgabedatei.</translation>
    </message>
    <message>
        <source>Schema file: {path}</source>
        <translation>Schemadatei: {path}</translation>
    </message>
    <message>
        <source>About Template Checker</source>
        <translation>Über Template Checker</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>{number} bn</source>
        <translation>{number} Mrd.</translation>
    </message>
    <message>
        <source>{number} M</source>
        <translation>{number} Mio.</translation>
    </message>
    <message>
        <source>{number} k</source>
        <translation>{number} Tsd.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>CellTooltip</name>
    <message>
        <source>Suggestion: {value}</source>
        <translation>Vorschlag: {value}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Changed here; it was: {value}</source>
        <translation>Hier geändert; vorher: {value}</translation>
    </message>
</context>
<context>
    <name>ChannelWatch</name>
    <message>
        <source>The global team&apos;s schema folder could not be read.</source>
        <translation>Der Schemaordner des globalen Teams konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>1 file in the global team&apos;s schema folder was not taken.</source>
        <translation>1 Datei im Schemaordner des globalen Teams wurde nicht übernommen.</translation>
    </message>
    <message>
        <source>{count} files in the global team&apos;s schema folder were not taken.</source>
        <translation>{count} Dateien im Schemaordner des globalen Teams wurden nicht übernommen.</translation>
    </message>
    <message>
        <source>The global team&apos;s schema {version} is kept; this window goes on with the schema it was started with.</source>
        <translation>Das Schema {version} des globalen Teams ist gespeichert; dieses Fenster prüft weiter mit dem Schema, mit dem es gestartet wurde.</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Findings per rule</source>
        <translation>Befunde je Regel</translation>
    </message>
    <message>
        <source>Pipeline value by stage (EUR)</source>
        <translation>Pipeline-Wert nach Phase (EUR)</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Korrigiert</translation>
    </message>
</context>
<context>
    <name>ConsolidateDialog</name>
    <message>
        <source>Consolidate folder</source>
        <translation>Ordner konsolidieren</translation>
    </message>
    <message>
        <source>Subsidiary</source>
        <translation>Tochtergesellschaft</translation>
    </message>
    <message>
        <source>Files taken in</source>
        <translation>Übernommene Dateien</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Open pipeline (EUR)</source>
        <translation>Offene Pipeline (EUR)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Checking the files in {folder}…</source>
        <translation>Die Dateien in {folder} werden geprüft…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>{taken} of {files}</source>
        <translation>{taken} von {files}</translation>
    </message>
    <message>
        <source>{subsidiary} in {file}, rows {rows}</source>
        <translation>{subsidiary} in {file}, Zeilen {rows}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Across files (DQ9), findings: {count}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dateiübergreifend (DQ9), Befunde: {count}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Across files (DQ9):&lt;/b&gt; no customer or opportunity found twice.</source>
        <translation>&lt;b&gt;Dateiübergreifend (DQ9):&lt;/b&gt; kein Kunde und keine Verkaufschance kommt doppelt vor.</translation>
    </message>
    <message>
        <source>{taken} of {files} files taken in, {rows} rows; written to {target}.</source>
        <translation>{taken} von {files} Dateien übernommen, {rows} Zeilen; gespeichert unter {target}.</translation>
    </message>
    <message>
        <source>Left out: {file} ({why})</source>
        <translation>Nicht übernommen: {file} ({why})</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Change {column} in row {row} to {value}</source>
        <translation>{column} in Zeile {row} in {value} ändern</translation>
    </message>
    <message>
        <source>Change {count} cells</source>
        <translation>{count} Zellen ändern</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Writing the report</source>
        <translation>Bericht wird geschrieben</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Clean submission file</source>
        <translation>Bereinigte Abgabedatei</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (.csv)</source>
        <translation>CSV, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>Format of the clean file</source>
        <translation>Format der bereinigten Datei</translation>
    </message>
    <message>
        <source>Annotated copy of the workbook (flagged cells coloured, with comments)</source>
        <translation>Kommentierte Kopie der Arbeitsmappe (markierte Zellen eingefärbt, mit Kommentaren)</translation>
    </message>
    <message>
        <source>Excel macro-enabled workbook (*.xlsm)</source>
        <translation>Excel-Arbeitsmappe mit Makros (*.xlsm)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Report (one HTML page)</source>
        <translation>Bericht (eine HTML-Seite)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>1 error still to fix.</source>
        <translation>1 Fehler ist noch zu beheben.</translation>
    </message>
    <message>
        <source>{count} errors still to fix.</source>
        <translation>{count} Fehler sind noch zu beheben.</translation>
    </message>
    <message>
        <source>The clean submission file can be written once no error remains;</source>
        <translation>Die bereinigte Abgabedatei kann geschrieben werden, sobald kein Fehler mehr übrig ist;</translation>
    </message>
    <message>
        <source>The annotated copy and the report can be written now, to pass on to whoever fills in the file.</source>
        <translation>Die kommentierte Kopie und der Bericht können schon jetzt geschrieben werden, zur Weitergabe an die Person, die die Datei ausfüllt.</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Tick at least one file to write.</source>
        <translation>Wählen Sie mindestens eine Datei zum Schreiben aus.</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Wird geschrieben…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Written: {files}.</source>
        <translation>Geschrieben: {files}.</translation>
    </message>
    <message>
        <source>Open the folder {folder}</source>
        <translation>Ordner {folder} öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>Suggestion: {value}</source>
        <translation>Vorschlag: {value}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>Zeile {row}</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>now {value}</source>
        <translation>jetzt {value}</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Filter findings by rule</source>
        <translation>Befunde nach Regel filtern</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Filter findings by severity</source>
        <translation>Befunde nach Schweregrad filtern</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Filter findings by column</source>
        <translation>Befunde nach Spalte filtern</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>{shown} of {total} findings</source>
        <translation>{shown} von {total} Befunden</translation>
    </message>
    <message>
        <source>1 finding</source>
        <translation>1 Befund</translation>
    </message>
    <message>
        <source>{total} findings</source>
        <translation>{total} Befunde</translation>
    </message>
</context>
<context>
    <name>FixedCopy</name>
    <message>
        <source>Excel workbook with macros (*.xlsm)</source>
        <translation>Excel-Arbeitsmappe mit Makros (*.xlsm)</translation>
    </message>
    <message>
        <source>Save a fixed copy of {file}</source>
        <translation>Korrigierte Kopie von {file} speichern</translation>
    </message>
</context>
<context>
    <name>GlobalMenu</name>
    <message>
        <source>&amp;Global</source>
        <translation>&amp;Global</translation>
    </message>
    <message>
        <source>Generate &amp;template…</source>
        <translation>Leere &amp;Vorlage erstellen…</translation>
    </message>
    <message>
        <source>&amp;Compare schemas…</source>
        <translation>&amp;Schemas vergleichen…</translation>
    </message>
    <message>
        <source>C&amp;onsolidate folder…</source>
        <translation>Ordner &amp;konsolidieren…</translation>
    </message>
    <message>
        <source>Any subsidiary (no language or currency of its own)</source>
        <translation>Beliebige Tochtergesellschaft (ohne eigene Sprache oder Währung)</translation>
    </message>
    <message>
        <source>Generate template</source>
        <translation>Vorlage erstellen</translation>
    </message>
    <message>
        <source>Make the blank template for which subsidiary?</source>
        <translation>Für welche Tochtergesellschaft soll die leere Vorlage sein?</translation>
    </message>
    <message>
        <source>Save the blank template as</source>
        <translation>Leere Vorlage speichern unter</translation>
    </message>
    <message>
        <source>The blank template ({schema}) was written to {path}.</source>
        <translation>Die leere Vorlage ({schema}) wurde unter {path} gespeichert.</translation>
    </message>
    <message>
        <source>The schema in use ({schema}) with a schema file</source>
        <translation>Das verwendete Schema ({schema}) mit einer Schemadatei</translation>
    </message>
    <message>
        <source>Two schema files</source>
        <translation>Zwei Schemadateien</translation>
    </message>
    <message>
        <source>Compare schemas</source>
        <translation>Schemas vergleichen</translation>
    </message>
    <message>
        <source>Compare what?</source>
        <translation>Was soll verglichen werden?</translation>
    </message>
    <message>
        <source>The older schema</source>
        <translation>Das ältere Schema</translation>
    </message>
    <message>
        <source>The newer schema</source>
        <translation>Das neuere Schema</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>The folder of submissions to consolidate</source>
        <translation>Ordner mit den zu konsolidierenden Abgaben</translation>
    </message>
    <message>
        <source>Save the consolidated workbook as</source>
        <translation>Konsolidierte Arbeitsmappe speichern unter</translation>
    </message>
    <message>
        <source>Template Checker</source>
        <translation>Template Checker</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>How Template Checker works</source>
        <translation>So funktioniert Template Checker</translation>
    </message>
    <message>
        <source>Checking against {schema}.</source>
        <translation>Geprüft wird gegen {schema}.</translation>
    </message>
    <message>
        <source>The nine rules</source>
        <translation>Die neun Regeln</translation>
    </message>
    <message>
        <source>For example:</source>
        <translation>Zum Beispiel:</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Forecast categories</source>
        <translation>Prognosekategorien</translation>
    </message>
    <message>
        <source>Help: the rules explained</source>
        <translation>Hilfe: die Regeln erklärt</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used once Template Checker is started again.</source>
        <translation>Die neue Sprache wird beim nächsten Start von Template Checker verwendet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workbooks (*.xlsx *.xlsm *.csv *.txt);;All files (*)</source>
        <translation>Arbeitsmappen (*.xlsx *.xlsm *.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open a pipeline workbook</source>
        <translation>Pipeline-Arbeitsmappe öffnen</translation>
    </message>
    <message>
        <source>Still opening a file; wait, or cancel it first.</source>
        <translation>Es wird noch eine Datei geöffnet; warten Sie oder brechen Sie zuerst ab.</translation>
    </message>
    <message>
        <source>Restore {count} changes</source>
        <translation>{count} Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>{file} has changed since; the earlier changes were not restored.</source>
        <translation>{file} wurde inzwischen geändert; die früheren Änderungen wurden nicht wiederhergestellt.</translation>
    </message>
    <message>
        <source>Checked {file}</source>
        <translation>{file} geprüft</translation>
    </message>
    <message>
        <source>The matching is kept for {subsidiary}: its next file opens without questions.</source>
        <translation>Die Zuordnung ist für {subsidiary} gespeichert: die nächste Datei öffnet sich ohne Rückfragen.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>This cell has no suggestion to apply.</source>
        <translation>Für diese Zelle gibt es keinen Vorschlag.</translation>
    </message>
    <message>
        <source>Apply {count} suggestions</source>
        <translation>{count} Vorschläge übernehmen</translation>
    </message>
    <message>
        <source>Changes could not be saved for recovery: {reason}</source>
        <translation>Die Änderungen konnten nicht zur Wiederherstellung gesichert werden: {reason}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Restore changes?</source>
        <translation>Änderungen wiederherstellen?</translation>
    </message>
    <message>
        <source>You made {count} changes to {file} on {date} at {time} that were not exported. Restore them?</source>
        <translation>Sie haben am {date} um {time} {count} Änderungen an {file} vorgenommen, die nicht exportiert wurden. Wiederherstellen?</translation>
    </message>
    <message>
        <source>{schema} is kept with the other versions.</source>
        <translation>{schema} ist bei den anderen Versionen gespeichert.</translation>
    </message>
    <message>
        <source>Schema: {schema} (unsigned)</source>
        <translation>Schema: {schema} (nicht signiert)</translation>
    </message>
    <message>
        <source>Schema: {schema}</source>
        <translation>Schema: {schema}</translation>
    </message>
    <message>
        <source>1 change to {file} is not in an exported file yet. Keep it for next time?</source>
        <translation>1 Änderung an {file} ist noch in keiner exportierten Datei. Für das nächste Mal aufbewahren?</translation>
    </message>
    <message>
        <source>{count} changes to {file} are not in an exported file yet. Keep them for next time?</source>
        <translation>{count} Änderungen an {file} sind noch in keiner exportierten Datei. Für das nächste Mal aufbewahren?</translation>
    </message>
    <message>
        <source>Keep for next time</source>
        <translation>Für nächstes Mal aufbewahren</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>MatchColumnsPage</name>
    <message>
        <source>Match columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Template column</source>
        <translation>Vorlagenspalte</translation>
    </message>
    <message>
        <source>Source column</source>
        <translation>Quellspalte</translation>
    </message>
    <message>
        <source>Sure</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Source word</source>
        <translation>Wort der Quelle</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Template value</source>
        <translation>Wert der Vorlage</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Value words</source>
        <translation>Wertwörter</translation>
    </message>
    <message>
        <source>The subsidiary this file is from</source>
        <translation>Die Tochtergesellschaft, von der diese Datei stammt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Check with this matching</source>
        <translation>Mit dieser Zuordnung prüfen</translation>
    </message>
    <message>
        <source>Subsidiary:</source>
        <translation>Tochtergesellschaft:</translation>
    </message>
    <message>
        <source>{file} is not in the template&apos;s layout. Check which of its columns holds each template column, and what its words mean; then check it.</source>
        <translation>{file} hat nicht das Layout der Vorlage. Prüfen Sie, welche ihrer Spalten jede Vorlagenspalte enthält und was ihre Wörter bedeuten; prüfen Sie die Datei dann.</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>(nicht in dieser Datei)</translation>
    </message>
    <message>
        <source>Filled with {value}</source>
        <translation>Gefüllt mit {value}</translation>
    </message>
    <message>
        <source>by the column&apos;s name</source>
        <translation>nach dem Namen der Spalte</translation>
    </message>
    <message>
        <source>by the column&apos;s values</source>
        <translation>nach den Werten der Spalte</translation>
    </message>
    <message>
        <source>as chosen before</source>
        <translation>wie zuvor gewählt</translation>
    </message>
    <message>
        <source>from the subsidiary</source>
        <translation>aus der Tochtergesellschaft</translation>
    </message>
    <message>
        <source>Not in this file</source>
        <translation>Nicht in dieser Datei</translation>
    </message>
    <message>
        <source>(leave as is)</source>
        <translation>(so lassen)</translation>
    </message>
    <message>
        <source>Remember for {subsidiary}</source>
        <translation>Für {subsidiary} merken</translation>
    </message>
    <message>
        <source>Remember for…</source>
        <translation>Merken für…</translation>
    </message>
    <message>
        <source>Could not keep the matching: {reason}</source>
        <translation>Die Zuordnung konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Kept for {subsidiary}</source>
        <translation>Für {subsidiary} gespeichert</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>Template structure</source>
        <translation>Vorlagenstruktur</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>Vollständigkeit</translation>
    </message>
    <message>
        <source>Types and formats</source>
        <translation>Typen und Formate</translation>
    </message>
    <message>
        <source>Allowed values</source>
        <translation>Zulässige Werte</translation>
    </message>
    <message>
        <source>Ranges and plausibility</source>
        <translation>Wertebereiche und Plausibilität</translation>
    </message>
    <message>
        <source>Uniqueness</source>
        <translation>Eindeutigkeit</translation>
    </message>
    <message>
        <source>Sales-process consistency</source>
        <translation>Konsistenz mit dem Vertriebsprozess</translation>
    </message>
    <message>
        <source>KPI definitions and currency</source>
        <translation>KPI-Definitionen und Währung</translation>
    </message>
    <message>
        <source>Ownership and international accounts</source>
        <translation>Zuständigkeit und internationale Kunden</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <source>{rule} fails</source>
        <translation>{rule} nicht bestanden</translation>
    </message>
    <message>
        <source>{rule} passes, with warnings</source>
        <translation>{rule} bestanden, mit Warnungen</translation>
    </message>
    <message>
        <source>{rule} passes</source>
        <translation>{rule} bestanden</translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings, {fixed} fixed automatically. Click to list them.</source>
        <translation>{errors} Fehler, {warnings} Warnungen, {fixed} automatisch korrigiert. Zum Auflisten klicken.</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Rules: click one to list its findings</source>
        <translation>Regeln: Klicken Sie auf eine, um ihre Befunde aufzulisten</translation>
    </message>
</context>
<context>
    <name>SchemaChoiceDialog</name>
    <message>
        <source>Check against another schema</source>
        <translation>Mit einem anderen Schema prüfen</translation>
    </message>
    <message>
        <source>Which schema should files be checked against?</source>
        <translation>Mit welchem Schema sollen die Dateien geprüft werden?</translation>
    </message>
    <message>
        <source>Check against this version</source>
        <translation>Mit dieser Version prüfen</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>Andere Datei…</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Gebrauch</translation>
    </message>
    <message>
        <source>bundled with the program</source>
        <translation>mit dem Programm geliefert</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>nicht signiert</translation>
    </message>
    <message>
        <source>Schema file</source>
        <translation>Schemadatei</translation>
    </message>
    <message>
        <source>Schema (*.yaml *.yml)</source>
        <translation>Schema (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>You can still check against it just this once.</source>
        <translation>Sie können trotzdem einmalig damit prüfen.</translation>
    </message>
    <message>
        <source>Another schema</source>
        <translation>Ein anderes Schema</translation>
    </message>
    <message>
        <source>Check against {file} just this once, or keep it with the schema versions the program keeps?</source>
        <translation>Nur dieses eine Mal mit {file} prüfen, oder die Datei bei den Schemaversionen des Programms speichern?</translation>
    </message>
    <message>
        <source>Just this once</source>
        <translation>Nur dieses Mal</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>SchemaDiffDialog</name>
    <message>
        <source>Compare schemas</source>
        <translation>Schemas vergleichen</translation>
    </message>
    <message>
        <source>From {old} to {new}, changes: {count}.</source>
        <translation>Von {old} zu {new}, Änderungen: {count}.</translation>
    </message>
    <message>
        <source>From {old} to {new}: no changes.</source>
        <translation>Von {old} zu {new}: keine Änderungen.</translation>
    </message>
</context>
<context>
    <name>SchemaNotice</name>
    <message>
        <source>Hide this notice</source>
        <translation>Hinweis ausblenden</translation>
    </message>
    <message>
        <source>The global team&apos;s schema {version} is now in use</source>
        <translation>Das Schema {version} des globalen Teams ist jetzt in Gebrauch</translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 Änderung</translation>
    </message>
    <message>
        <source>{count} changes</source>
        <translation>{count} Änderungen</translation>
    </message>
    <message>
        <source>Click to see what changed</source>
        <translation>Klicken, um die Änderungen zu sehen</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} wird geöffnet…</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>{file} wird geprüft…</translation>
    </message>
    <message>
        <source>Saving a fixed copy of {file}…</source>
        <translation>Korrigierte Kopie von {file} wird gespeichert…</translation>
    </message>
    <message>
        <source>Checking the whole file again…</source>
        <translation>Die ganze Datei wird erneut geprüft…</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Korrigiert</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <source>(not in template)</source>
        <translation>(nicht in der Vorlage)</translation>
    </message>
    <message>
        <source>Column {letter} &quot;{header}&quot; is not part of the template; it is shown here but left out of the submission.</source>
        <translation>Spalte {letter} „{header}“ gehört nicht zur Vorlage; sie wird hier angezeigt, aber nicht in die Abgabe übernommen.</translation>
    </message>
    <message>
        <source>In this file: &quot;{header}&quot;, column {letter}.</source>
        <translation>In dieser Datei: „{header}“, Spalte {letter}.</translation>
    </message>
</context>
<context>
    <name>SheetPanel</name>
    <message>
        <source>Sheet</source>
        <translation>Blatt</translation>
    </message>
    <message>
        <source>Search the sheet (Ctrl+F)</source>
        <translation>Im Blatt suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search the sheet</source>
        <translation>Im Blatt suchen</translation>
    </message>
    <message>
        <source>Only flagged rows</source>
        <translation>Nur markierte Zeilen</translation>
    </message>
    <message>
        <source>Show only rows with an error or a warning</source>
        <translation>Nur Zeilen mit einem Fehler oder einer Warnung anzeigen</translation>
    </message>
    <message>
        <source>{shown} of {total} rows</source>
        <translation>{shown} von {total} Zeilen</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>{total} rows</source>
        <translation>{total} Zeilen</translation>
    </message>
    <message>
        <source>Preparing the search…</source>
        <translation>Suche wird vorbereitet…</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <source>1 error to fix</source>
        <translation>1 Fehler zu beheben</translation>
    </message>
    <message>
        <source>{count} errors to fix</source>
        <translation>{count} Fehler zu beheben</translation>
    </message>
    <message>
        <source>, 1 warning</source>
        <translation>, 1 Warnung</translation>
    </message>
    <message>
        <source>, {count} warnings</source>
        <translation>, {count} Warnungen</translation>
    </message>
    <message>
        <source>Ready to submit, with 1 warning</source>
        <translation>Bereit zur Abgabe, mit 1 Warnung</translation>
    </message>
    <message>
        <source>Ready to submit, with {count} warnings</source>
        <translation>Bereit zur Abgabe, mit {count} Warnungen</translation>
    </message>
    <message>
        <source>Ready to submit</source>
        <translation>Bereit zur Abgabe</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Write the clean submission file, an annotated copy or a report</source>
        <translation>Die bereinigte Abgabedatei, eine kommentierte Kopie oder einen Bericht schreiben</translation>
    </message>
    <message>
        <source>Read with the global team&apos;s matching for this subsidiary</source>
        <translation>Gelesen mit der Zuordnung des globalen Teams für diese Tochtergesellschaft</translation>
    </message>
    <message>
        <source>Read with your saved matching</source>
        <translation>Mit Ihrer gespeicherten Zuordnung gelesen</translation>
    </message>
    <message>
        <source>Read with the matching you chose</source>
        <translation>Mit der von Ihnen gewählten Zuordnung gelesen</translation>
    </message>
    <message>
        <source>change</source>
        <translation>ändern</translation>
    </message>
    <message>
        <source>subsidiary unknown</source>
        <translation>Tochtergesellschaft unbekannt</translation>
    </message>
    <message>
        <source>period unknown</source>
        <translation>Zeitraum unbekannt</translation>
    </message>
    <message>
        <source>1 opportunity</source>
        <translation>1 Verkaufschance</translation>
    </message>
    <message>
        <source>{count} opportunities</source>
        <translation>{count} Verkaufschancen</translation>
    </message>
    <message>
        <source>checked against {schema}</source>
        <translation>geprüft gegen {schema}</translation>
    </message>
    <message>
        <source>1 change made here</source>
        <translation>1 Änderung hier vorgenommen</translation>
    </message>
    <message>
        <source>{count} changes made here</source>
        <translation>{count} Änderungen hier vorgenommen</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Check your pipeline file before you send it</source>
        <translation>Prüfen Sie Ihre Pipeline-Datei, bevor Sie sie senden</translation>
    </message>
    <message>
        <source>Drop the filled-in workbook (.xlsx or .csv) anywhere on this window, or open it. Template Checker shows what does not follow the global template, helps you fix it, and writes the clean file to submit. Your file itself is never changed.</source>
        <translation>Ziehen Sie die ausgefüllte Arbeitsmappe (.xlsx oder .csv) an eine beliebige Stelle dieses Fensters oder öffnen Sie sie. Template Checker zeigt, was nicht der globalen Vorlage entspricht, hilft Ihnen beim Korrigieren und schreibt die bereinigte Datei für die Abgabe. Ihre Datei selbst wird nie verändert.</translation>
    </message>
    <message>
        <source>Open a file…</source>
        <translation>Datei öffnen…</translation>
    </message>
    <message>
        <source>Try the sample</source>
        <translation>Beispiel ausprobieren</translation>
    </message>
    <message>
        <source>Open a sample pipeline file with typical problems, to see how it works</source>
        <translation>Eine Beispieldatei mit typischen Problemen öffnen und sehen, wie es funktioniert</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ1 Template structure:&lt;/b&gt; the sheets, headers and Info are as the template has them</source>
        <translation>&lt;b&gt;DQ1 Vorlagenstruktur:&lt;/b&gt; Blätter, Überschriften und Info entsprechen der Vorlage</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ2 Completeness:&lt;/b&gt; every required cell is filled in</source>
        <translation>&lt;b&gt;DQ2 Vollständigkeit:&lt;/b&gt; jede Pflichtzelle ist ausgefüllt</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ3 Types and formats:&lt;/b&gt; numbers and dates read as numbers and dates</source>
        <translation>&lt;b&gt;DQ3 Typen und Formate:&lt;/b&gt; Zahlen und Datumswerte lassen sich als solche lesen</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ4 Allowed values:&lt;/b&gt; stages, countries, currencies come from the template&apos;s lists</source>
        <translation>&lt;b&gt;DQ4 Zulässige Werte:&lt;/b&gt; Phasen, Länder und Währungen stammen aus den Listen der Vorlage</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ5 Ranges and plausibility:&lt;/b&gt; probabilities, amounts and dates are within limits</source>
        <translation>&lt;b&gt;DQ5 Wertebereiche und Plausibilität:&lt;/b&gt; Wahrscheinlichkeiten, Beträge und Datumswerte liegen in den Grenzen</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ6 Uniqueness:&lt;/b&gt; each opportunity is reported once</source>
        <translation>&lt;b&gt;DQ6 Eindeutigkeit:&lt;/b&gt; jede Verkaufschance wird einmal gemeldet</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ7 Sales-process consistency:&lt;/b&gt; probability and forecast category fit the stage</source>
        <translation>&lt;b&gt;DQ7 Konsistenz mit dem Vertriebsprozess:&lt;/b&gt; Wahrscheinlichkeit und Prognosekategorie passen zur Phase</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ8 KPI definitions and currency:&lt;/b&gt; full amounts in an allowed currency, EUR at the schema&apos;s rate</source>
        <translation>&lt;b&gt;DQ8 KPI-Definitionen und Währung:&lt;/b&gt; volle Beträge in einer zulässigen Währung, EUR zum Kurs des Schemas</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ9 Ownership and international accounts:&lt;/b&gt; your rows are your subsidiary&apos;s, global accounts marked</source>
        <translation>&lt;b&gt;DQ9 Zuständigkeit und internationale Kunden:&lt;/b&gt; die Zeilen gehören Ihrer Tochtergesellschaft, globale Kunden sind gekennzeichnet</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the nine rules check&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was die neun Regeln prüfen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The rules explained, with examples (F1)</source>
        <translation>Die Regeln erklärt, mit Beispielen (F1)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Save a &amp;fixed copy of my workbook…</source>
        <translation>&amp;Korrigierte Kopie meiner Arbeitsmappe speichern…</translation>
    </message>
    <message>
        <source>Check against another &amp;schema…</source>
        <translation>Mit anderem &amp;Schema prüfen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Apply &amp;suggestion</source>
        <translation>V&amp;orschlag übernehmen</translation>
    </message>
    <message>
        <source>Apply to &amp;all alike</source>
        <translation>Für &amp;alle gleichen übernehmen</translation>
    </message>
    <message>
        <source>&amp;Next problem</source>
        <translation>&amp;Nächstes Problem</translation>
    </message>
    <message>
        <source>&amp;Previous problem</source>
        <translation>&amp;Vorheriges Problem</translation>
    </message>
    <message>
        <source>&amp;Find in the sheet</source>
        <translation>Im Blatt &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Only flagged rows</source>
        <translation>Nur &amp;markierte Zeilen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>The &amp;rules explained</source>
        <translation>Die &amp;Regeln erklärt</translation>
    </message>
    <message>
        <source>&amp;About Template Checker</source>
        <translation>Ü&amp;ber Template Checker</translation>
    </message>
</context>
<context>
    <name>_Target</name>
    <message>
        <source>{label}: file name</source>
        <translation>{label}: Dateiname</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
</context>
</TS>
