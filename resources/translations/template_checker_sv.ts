<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>About</name>
    <message>
        <source>Checks a subsidiary&apos;s sales-pipeline workbook against the global reporting template and exports a clean submission file.</source>
        <translation>Kontrollerar ett dotterbolags pipelinearbetsbok mot den globala rapportmallen och exporterar en rensad inlämningsfil.</translation>
    </message>
    <message>
        <source>Schema file: {path}</source>
        <translation>Schemafil: {path}</translation>
    </message>
    <message>
        <source>About Template Checker</source>
        <translation>Om Template Checker</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>{number} bn</source>
        <translation>{number} md</translation>
    </message>
    <message>
        <source>{number} M</source>
        <translation>{number} mn</translation>
    </message>
    <message>
        <source>{number} k</source>
        <translation>{number} tn</translation>
    </message>
    <message>
        <source>none</source>
        <translation>inga</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
</context>
<context>
    <name>CellTooltip</name>
    <message>
        <source>Suggestion: {value}</source>
        <translation>Förslag: {value}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <source>Changed here; it was: {value}</source>
        <translation>Ändrad här; var tidigare: {value}</translation>
    </message>
</context>
<context>
    <name>ChannelWatch</name>
    <message>
        <source>The global team&apos;s schema folder could not be read.</source>
        <translation>Det globala teamets schemamapp kunde inte läsas.</translation>
    </message>
    <message>
        <source>1 file in the global team&apos;s schema folder was not taken.</source>
        <translation>1 fil i det globala teamets schemamapp togs inte in.</translation>
    </message>
    <message>
        <source>{count} files in the global team&apos;s schema folder were not taken.</source>
        <translation>{count} filer i det globala teamets schemamapp togs inte in.</translation>
    </message>
    <message>
        <source>The global team&apos;s schema {version} is kept; this window goes on with the schema it was started with.</source>
        <translation>Det globala teamets schema {version} har sparats; det här fönstret fortsätter med schemat det startades med.</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Findings per rule</source>
        <translation>Anmärkningar per regel</translation>
    </message>
    <message>
        <source>Pipeline value by stage (EUR)</source>
        <translation>Pipelinevärde per steg (EUR)</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Varningar</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Rättade</translation>
    </message>
</context>
<context>
    <name>ConsolidateDialog</name>
    <message>
        <source>Consolidate folder</source>
        <translation>Sammanställ mapp</translation>
    </message>
    <message>
        <source>Subsidiary</source>
        <translation>Dotterbolag</translation>
    </message>
    <message>
        <source>Files taken in</source>
        <translation>Filer som togs med</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rader</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Varningar</translation>
    </message>
    <message>
        <source>Open pipeline (EUR)</source>
        <translation>Öppen pipeline (EUR)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Allvarlighet</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Anmärkning</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Var</translation>
    </message>
    <message>
        <source>Checking the files in {folder}…</source>
        <translation>Kontrollerar filerna i {folder}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Avbrutet; inget skrevs.</translation>
    </message>
    <message>
        <source>{taken} of {files}</source>
        <translation>{taken} av {files}</translation>
    </message>
    <message>
        <source>{subsidiary} in {file}, rows {rows}</source>
        <translation>{subsidiary} i {file}, rader {rows}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Across files (DQ9), findings: {count}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Mellan filerna (DQ9), anmärkningar: {count}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Across files (DQ9):&lt;/b&gt; no customer or opportunity found twice.</source>
        <translation>&lt;b&gt;Mellan filerna (DQ9):&lt;/b&gt; ingen kund eller affärsmöjlighet förekommer två gånger.</translation>
    </message>
    <message>
        <source>{taken} of {files} files taken in, {rows} rows; written to {target}.</source>
        <translation>{taken} av {files} filer togs med, {rows} rader; sparat i {target}.</translation>
    </message>
    <message>
        <source>Left out: {file} ({why})</source>
        <translation>Utelämnad: {file} ({why})</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <source>Change {column} in row {row} to {value}</source>
        <translation>Ändra {column} på rad {row} till {value}</translation>
    </message>
    <message>
        <source>Change {count} cells</source>
        <translation>Ändra {count} celler</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Writing the report</source>
        <translation>Skriver rapporten</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klart</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <source>Clean submission file</source>
        <translation>Rensad inlämningsfil</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-arbetsbok (.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (.csv)</source>
        <translation>CSV, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>Format of the clean file</source>
        <translation>Den rensade filens format</translation>
    </message>
    <message>
        <source>Annotated copy of the workbook (flagged cells coloured, with comments)</source>
        <translation>Kommenterad kopia av arbetsboken (flaggade celler färgade, med kommentarer)</translation>
    </message>
    <message>
        <source>Excel macro-enabled workbook (*.xlsm)</source>
        <translation>Excel-arbetsbok med makron (*.xlsm)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbetsbok (*.xlsx)</translation>
    </message>
    <message>
        <source>Report (one HTML page)</source>
        <translation>Rapport (en HTML-sida)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>1 error still to fix.</source>
        <translation>1 fel återstår att rätta.</translation>
    </message>
    <message>
        <source>{count} errors still to fix.</source>
        <translation>{count} fel återstår att rätta.</translation>
    </message>
    <message>
        <source>The clean submission file can be written once no error remains;</source>
        <translation>Den rensade inlämningsfilen kan skrivas när inga fel återstår;</translation>
    </message>
    <message>
        <source>The annotated copy and the report can be written now, to pass on to whoever fills in the file.</source>
        <translation>Den kommenterade kopian och rapporten kan skrivas redan nu, till den som fyller i filen.</translation>
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
        <translation>Markera minst en fil att skriva.</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Exporten avbröts; inget skrevs.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Skriver…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stoppad.</translation>
    </message>
    <message>
        <source>Written: {files}.</source>
        <translation>Skrivna: {files}.</translation>
    </message>
    <message>
        <source>Open the folder {folder}</source>
        <translation>Öppna mappen {folder}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Severity</source>
        <translation>Allvarlighet</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Cell</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolumn</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Förslag</translation>
    </message>
    <message>
        <source>Suggestion: {value}</source>
        <translation>Förslag: {value}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>rad {row}</translation>
    </message>
    <message>
        <source>column</source>
        <translation>kolumn</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fil</translation>
    </message>
    <message>
        <source>now {value}</source>
        <translation>nu {value}</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings</source>
        <translation>Anmärkningar</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Filter findings by rule</source>
        <translation>Filtrera anmärkningar efter regel</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Allvarlighet</translation>
    </message>
    <message>
        <source>Filter findings by severity</source>
        <translation>Filtrera anmärkningar efter allvarlighet</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolumn</translation>
    </message>
    <message>
        <source>Filter findings by column</source>
        <translation>Filtrera anmärkningar efter kolumn</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <source>{shown} of {total} findings</source>
        <translation>{shown} av {total} anmärkningar</translation>
    </message>
    <message>
        <source>1 finding</source>
        <translation>1 anmärkning</translation>
    </message>
    <message>
        <source>{total} findings</source>
        <translation>{total} anmärkningar</translation>
    </message>
</context>
<context>
    <name>FixedCopy</name>
    <message>
        <source>Excel workbook with macros (*.xlsm)</source>
        <translation>Excel-arbetsbok med makron (*.xlsm)</translation>
    </message>
    <message>
        <source>Save a fixed copy of {file}</source>
        <translation>Spara en rättad kopia av {file}</translation>
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
        <translation>Skapa &amp;mall…</translation>
    </message>
    <message>
        <source>&amp;Compare schemas…</source>
        <translation>&amp;Jämför scheman…</translation>
    </message>
    <message>
        <source>C&amp;onsolidate folder…</source>
        <translation>Sa&amp;mmanställ mapp…</translation>
    </message>
    <message>
        <source>Any subsidiary (no language or currency of its own)</source>
        <translation>Valfritt dotterbolag (utan eget språk eller egen valuta)</translation>
    </message>
    <message>
        <source>Generate template</source>
        <translation>Skapa mall</translation>
    </message>
    <message>
        <source>Make the blank template for which subsidiary?</source>
        <translation>Vilket dotterbolag ska den tomma mallen gälla?</translation>
    </message>
    <message>
        <source>Save the blank template as</source>
        <translation>Spara den tomma mallen som</translation>
    </message>
    <message>
        <source>The blank template ({schema}) was written to {path}.</source>
        <translation>Den tomma mallen ({schema}) sparades i {path}.</translation>
    </message>
    <message>
        <source>The schema in use ({schema}) with a schema file</source>
        <translation>Schemat som används ({schema}) med en schemafil</translation>
    </message>
    <message>
        <source>Two schema files</source>
        <translation>Två schemafiler</translation>
    </message>
    <message>
        <source>Compare schemas</source>
        <translation>Jämför scheman</translation>
    </message>
    <message>
        <source>Compare what?</source>
        <translation>Vad ska jämföras?</translation>
    </message>
    <message>
        <source>The older schema</source>
        <translation>Det äldre schemat</translation>
    </message>
    <message>
        <source>The newer schema</source>
        <translation>Det nyare schemat</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Jämför med</translation>
    </message>
    <message>
        <source>The folder of submissions to consolidate</source>
        <translation>Mappen med inlämningar att sammanställa</translation>
    </message>
    <message>
        <source>Save the consolidated workbook as</source>
        <translation>Spara den sammanställda arbetsboken som</translation>
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
        <translation>Så fungerar Template Checker</translation>
    </message>
    <message>
        <source>Checking against {schema}.</source>
        <translation>Kontrollerar mot {schema}.</translation>
    </message>
    <message>
        <source>The nine rules</source>
        <translation>De nio reglerna</translation>
    </message>
    <message>
        <source>For example:</source>
        <translation>Till exempel:</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Sannolikhet</translation>
    </message>
    <message>
        <source>Forecast categories</source>
        <translation>Prognoskategorier</translation>
    </message>
    <message>
        <source>Help: the rules explained</source>
        <translation>Hjälp: reglerna förklarade</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;pråk</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>The new language is used once Template Checker is started again.</source>
        <translation>Det nya språket används när Template Checker startas igen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workbooks (*.xlsx *.xlsm *.csv *.txt);;All files (*)</source>
        <translation>Arbetsböcker (*.xlsx *.xlsm *.csv *.txt);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Open a pipeline workbook</source>
        <translation>Öppna en pipelinearbetsbok</translation>
    </message>
    <message>
        <source>Still opening a file; wait, or cancel it first.</source>
        <translation>En fil öppnas fortfarande; vänta eller avbryt först.</translation>
    </message>
    <message>
        <source>Restore {count} changes</source>
        <translation>Återställ {count} ändringar</translation>
    </message>
    <message>
        <source>{file} has changed since; the earlier changes were not restored.</source>
        <translation>{file} har ändrats sedan dess; de tidigare ändringarna återställdes inte.</translation>
    </message>
    <message>
        <source>Checked {file}</source>
        <translation>{file} kontrollerad</translation>
    </message>
    <message>
        <source>The matching is kept for {subsidiary}: its next file opens without questions.</source>
        <translation>Matchningen har sparats för {subsidiary}: nästa fil därifrån öppnas utan frågor.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Avbrutet; inget ändrades.</translation>
    </message>
    <message>
        <source>This cell has no suggestion to apply.</source>
        <translation>Den här cellen har inget förslag att använda.</translation>
    </message>
    <message>
        <source>Apply {count} suggestions</source>
        <translation>Använd {count} förslag</translation>
    </message>
    <message>
        <source>Changes could not be saved for recovery: {reason}</source>
        <translation>Ändringarna kunde inte sparas för återställning: {reason}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Förkasta</translation>
    </message>
    <message>
        <source>Restore changes?</source>
        <translation>Återställa ändringarna?</translation>
    </message>
    <message>
        <source>You made {count} changes to {file} on {date} at {time} that were not exported. Restore them?</source>
        <translation>Du gjorde {count} ändringar i {file} den {date} kl. {time} som inte exporterades. Vill du återställa dem?</translation>
    </message>
    <message>
        <source>{schema} is kept with the other versions.</source>
        <translation>{schema} har sparats med de andra versionerna.</translation>
    </message>
    <message>
        <source>Schema: {schema} (unsigned)</source>
        <translation>Schema: {schema} (osignerat)</translation>
    </message>
    <message>
        <source>Schema: {schema}</source>
        <translation>Schema: {schema}</translation>
    </message>
    <message>
        <source>1 change to {file} is not in an exported file yet. Keep it for next time?</source>
        <translation>1 ändring i {file} finns inte i någon exporterad fil än. Spara den till nästa gång?</translation>
    </message>
    <message>
        <source>{count} changes to {file} are not in an exported file yet. Keep them for next time?</source>
        <translation>{count} ändringar i {file} finns inte i någon exporterad fil än. Spara dem till nästa gång?</translation>
    </message>
    <message>
        <source>Keep for next time</source>
        <translation>Spara till nästa gång</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Förkasta ändringarna</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>MatchColumnsPage</name>
    <message>
        <source>Match columns</source>
        <translation>Matcha kolumner</translation>
    </message>
    <message>
        <source>Template column</source>
        <translation>Mallens kolumn</translation>
    </message>
    <message>
        <source>Source column</source>
        <translation>Källkolumn</translation>
    </message>
    <message>
        <source>Sure</source>
        <translation>Säkerhet</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolumn</translation>
    </message>
    <message>
        <source>Source word</source>
        <translation>Källans ord</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Template value</source>
        <translation>Mallens värde</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Kolumner</translation>
    </message>
    <message>
        <source>Value words</source>
        <translation>Värdeord</translation>
    </message>
    <message>
        <source>The subsidiary this file is from</source>
        <translation>Dotterbolaget som filen kommer från</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Check with this matching</source>
        <translation>Kontrollera med denna matchning</translation>
    </message>
    <message>
        <source>Subsidiary:</source>
        <translation>Dotterbolag:</translation>
    </message>
    <message>
        <source>{file} is not in the template&apos;s layout. Check which of its columns holds each template column, and what its words mean; then check it.</source>
        <translation>{file} följer inte mallens layout. Se efter vilken av dess kolumner som innehåller varje kolumn i mallen och vad dess ord betyder; kontrollera den sedan.</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>(finns inte i filen)</translation>
    </message>
    <message>
        <source>Filled with {value}</source>
        <translation>Fylls med {value}</translation>
    </message>
    <message>
        <source>by the column&apos;s name</source>
        <translation>efter kolumnens namn</translation>
    </message>
    <message>
        <source>by the column&apos;s values</source>
        <translation>efter kolumnens värden</translation>
    </message>
    <message>
        <source>as chosen before</source>
        <translation>som valts tidigare</translation>
    </message>
    <message>
        <source>from the subsidiary</source>
        <translation>från dotterbolaget</translation>
    </message>
    <message>
        <source>Not in this file</source>
        <translation>Finns inte i filen</translation>
    </message>
    <message>
        <source>(leave as is)</source>
        <translation>(lämna som det är)</translation>
    </message>
    <message>
        <source>Remember for {subsidiary}</source>
        <translation>Kom ihåg för {subsidiary}</translation>
    </message>
    <message>
        <source>Remember for…</source>
        <translation>Kom ihåg för…</translation>
    </message>
    <message>
        <source>Could not keep the matching: {reason}</source>
        <translation>Matchningen kunde inte sparas: {reason}</translation>
    </message>
    <message>
        <source>Kept for {subsidiary}</source>
        <translation>Sparad för {subsidiary}</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>(none yet)</source>
        <translation>(inga än)</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>Template structure</source>
        <translation>Mallens struktur</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>Fullständighet</translation>
    </message>
    <message>
        <source>Types and formats</source>
        <translation>Typer och format</translation>
    </message>
    <message>
        <source>Allowed values</source>
        <translation>Tillåtna värden</translation>
    </message>
    <message>
        <source>Ranges and plausibility</source>
        <translation>Intervall och rimlighet</translation>
    </message>
    <message>
        <source>Uniqueness</source>
        <translation>Unikhet</translation>
    </message>
    <message>
        <source>Sales-process consistency</source>
        <translation>Överensstämmelse med säljprocessen</translation>
    </message>
    <message>
        <source>KPI definitions and currency</source>
        <translation>KPI-definitioner och valuta</translation>
    </message>
    <message>
        <source>Ownership and international accounts</source>
        <translation>Ägarskap och internationella kunder</translation>
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
        <translation>Fel</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Varningar</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Rättade</translation>
    </message>
    <message>
        <source>{rule} fails</source>
        <translation>{rule} underkänd</translation>
    </message>
    <message>
        <source>{rule} passes, with warnings</source>
        <translation>{rule} godkänd, med varningar</translation>
    </message>
    <message>
        <source>{rule} passes</source>
        <translation>{rule} godkänd</translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings, {fixed} fixed automatically. Click to list them.</source>
        <translation>{errors} fel, {warnings} varningar, {fixed} rättade automatiskt. Klicka för att lista dem.</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Rules: click one to list its findings</source>
        <translation>Regler: klicka på en för att lista dess anmärkningar</translation>
    </message>
</context>
<context>
    <name>SchemaChoiceDialog</name>
    <message>
        <source>Check against another schema</source>
        <translation>Kontrollera mot ett annat schema</translation>
    </message>
    <message>
        <source>Which schema should files be checked against?</source>
        <translation>Vilket schema ska filerna kontrolleras mot?</translation>
    </message>
    <message>
        <source>Check against this version</source>
        <translation>Kontrollera mot den här versionen</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>En annan fil…</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>används</translation>
    </message>
    <message>
        <source>bundled with the program</source>
        <translation>följer med programmet</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>osignerad</translation>
    </message>
    <message>
        <source>Schema file</source>
        <translation>Schemafil</translation>
    </message>
    <message>
        <source>Schema (*.yaml *.yml)</source>
        <translation>Schema (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>You can still check against it just this once.</source>
        <translation>Du kan fortfarande kontrollera mot den bara den här gången.</translation>
    </message>
    <message>
        <source>Another schema</source>
        <translation>Ett annat schema</translation>
    </message>
    <message>
        <source>Check against {file} just this once, or keep it with the schema versions the program keeps?</source>
        <translation>Kontrollera mot {file} bara den här gången, eller spara den med schemaversionerna som programmet har?</translation>
    </message>
    <message>
        <source>Just this once</source>
        <translation>Bara den här gången</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Spara den</translation>
    </message>
</context>
<context>
    <name>SchemaDiffDialog</name>
    <message>
        <source>Compare schemas</source>
        <translation>Jämför scheman</translation>
    </message>
    <message>
        <source>From {old} to {new}, changes: {count}.</source>
        <translation>Från {old} till {new}, ändringar: {count}.</translation>
    </message>
    <message>
        <source>From {old} to {new}: no changes.</source>
        <translation>Från {old} till {new}: inga ändringar.</translation>
    </message>
</context>
<context>
    <name>SchemaNotice</name>
    <message>
        <source>Hide this notice</source>
        <translation>Dölj meddelandet</translation>
    </message>
    <message>
        <source>The global team&apos;s schema {version} is now in use</source>
        <translation>Det globala teamets schema {version} används nu</translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 ändring</translation>
    </message>
    <message>
        <source>{count} changes</source>
        <translation>{count} ändringar</translation>
    </message>
    <message>
        <source>Click to see what changed</source>
        <translation>Klicka för att se vad som har ändrats</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Opening {file}…</source>
        <translation>Öppnar {file}…</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>Kontrollerar {file}…</translation>
    </message>
    <message>
        <source>Saving a fixed copy of {file}…</source>
        <translation>Sparar en rättad kopia av {file}…</translation>
    </message>
    <message>
        <source>Checking the whole file again…</source>
        <translation>Kontrollerar hela filen igen…</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Rättad</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <source>(not in template)</source>
        <translation>(inte i mallen)</translation>
    </message>
    <message>
        <source>Column {letter} &quot;{header}&quot; is not part of the template; it is shown here but left out of the submission.</source>
        <translation>Kolumn {letter} &quot;{header}&quot; ingår inte i mallen; den visas här men tas inte med i inlämningen.</translation>
    </message>
    <message>
        <source>In this file: &quot;{header}&quot;, column {letter}.</source>
        <translation>I den här filen: &quot;{header}&quot;, kolumn {letter}.</translation>
    </message>
</context>
<context>
    <name>SheetPanel</name>
    <message>
        <source>Sheet</source>
        <translation>Blad</translation>
    </message>
    <message>
        <source>Search the sheet (Ctrl+F)</source>
        <translation>Sök i bladet (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the sheet</source>
        <translation>Sök i bladet</translation>
    </message>
    <message>
        <source>Only flagged rows</source>
        <translation>Bara flaggade rader</translation>
    </message>
    <message>
        <source>Show only rows with an error or a warning</source>
        <translation>Visa bara rader med ett fel eller en varning</translation>
    </message>
    <message>
        <source>{shown} of {total} rows</source>
        <translation>{shown} av {total} rader</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 rad</translation>
    </message>
    <message>
        <source>{total} rows</source>
        <translation>{total} rader</translation>
    </message>
    <message>
        <source>Preparing the search…</source>
        <translation>Förbereder sökningen…</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <source>1 error to fix</source>
        <translation>1 fel att rätta</translation>
    </message>
    <message>
        <source>{count} errors to fix</source>
        <translation>{count} fel att rätta</translation>
    </message>
    <message>
        <source>, 1 warning</source>
        <translation>, 1 varning</translation>
    </message>
    <message>
        <source>, {count} warnings</source>
        <translation>, {count} varningar</translation>
    </message>
    <message>
        <source>Ready to submit, with 1 warning</source>
        <translation>Klar att lämna in, med 1 varning</translation>
    </message>
    <message>
        <source>Ready to submit, with {count} warnings</source>
        <translation>Klar att lämna in, med {count} varningar</translation>
    </message>
    <message>
        <source>Ready to submit</source>
        <translation>Klar att lämna in</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
    <message>
        <source>Write the clean submission file, an annotated copy or a report</source>
        <translation>Skriv den rensade inlämningsfilen, en kommenterad kopia eller en rapport</translation>
    </message>
    <message>
        <source>Read with the global team&apos;s matching for this subsidiary</source>
        <translation>Läst med det globala teamets matchning för dotterbolaget</translation>
    </message>
    <message>
        <source>Read with your saved matching</source>
        <translation>Läst med din sparade matchning</translation>
    </message>
    <message>
        <source>Read with the matching you chose</source>
        <translation>Läst med matchningen du valde</translation>
    </message>
    <message>
        <source>change</source>
        <translation>ändra</translation>
    </message>
    <message>
        <source>subsidiary unknown</source>
        <translation>okänt dotterbolag</translation>
    </message>
    <message>
        <source>period unknown</source>
        <translation>okänd period</translation>
    </message>
    <message>
        <source>1 opportunity</source>
        <translation>1 affärsmöjlighet</translation>
    </message>
    <message>
        <source>{count} opportunities</source>
        <translation>{count} affärsmöjligheter</translation>
    </message>
    <message>
        <source>checked against {schema}</source>
        <translation>kontrollerad mot {schema}</translation>
    </message>
    <message>
        <source>1 change made here</source>
        <translation>1 ändring gjord här</translation>
    </message>
    <message>
        <source>{count} changes made here</source>
        <translation>{count} ändringar gjorda här</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Check your pipeline file before you send it</source>
        <translation>Kontrollera din pipelinefil innan du skickar den</translation>
    </message>
    <message>
        <source>Drop the filled-in workbook (.xlsx or .csv) anywhere on this window, or open it. Template Checker shows what does not follow the global template, helps you fix it, and writes the clean file to submit. Your file itself is never changed.</source>
        <translation>Släpp den ifyllda arbetsboken (.xlsx eller .csv) var som helst i fönstret, eller öppna den. Template Checker visar det som inte följer den globala mallen, hjälper dig att rätta det och skriver den rensade filen som ska lämnas in. Själva filen ändras aldrig.</translation>
    </message>
    <message>
        <source>Open a file…</source>
        <translation>Öppna en fil…</translation>
    </message>
    <message>
        <source>Try the sample</source>
        <translation>Prova exemplet</translation>
    </message>
    <message>
        <source>Open a sample pipeline file with typical problems, to see how it works</source>
        <translation>Öppna en exempelfil med typiska problem och se hur det fungerar</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Senaste filer</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ1 Template structure:&lt;/b&gt; the sheets, headers and Info are as the template has them</source>
        <translation>&lt;b&gt;DQ1 Mallens struktur:&lt;/b&gt; bladen, rubrikerna och Info är som i mallen</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ2 Completeness:&lt;/b&gt; every required cell is filled in</source>
        <translation>&lt;b&gt;DQ2 Fullständighet:&lt;/b&gt; varje obligatorisk cell är ifylld</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ3 Types and formats:&lt;/b&gt; numbers and dates read as numbers and dates</source>
        <translation>&lt;b&gt;DQ3 Typer och format:&lt;/b&gt; tal och datum kan läsas som tal och datum</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ4 Allowed values:&lt;/b&gt; stages, countries, currencies come from the template&apos;s lists</source>
        <translation>&lt;b&gt;DQ4 Tillåtna värden:&lt;/b&gt; steg, länder och valutor kommer från mallens listor</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ5 Ranges and plausibility:&lt;/b&gt; probabilities, amounts and dates are within limits</source>
        <translation>&lt;b&gt;DQ5 Intervall och rimlighet:&lt;/b&gt; sannolikheter, belopp och datum ligger inom gränserna</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ6 Uniqueness:&lt;/b&gt; each opportunity is reported once</source>
        <translation>&lt;b&gt;DQ6 Unikhet:&lt;/b&gt; varje affärsmöjlighet rapporteras en gång</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ7 Sales-process consistency:&lt;/b&gt; probability and forecast category fit the stage</source>
        <translation>&lt;b&gt;DQ7 Överensstämmelse med säljprocessen:&lt;/b&gt; sannolikhet och prognoskategori passar steget</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ8 KPI definitions and currency:&lt;/b&gt; full amounts in an allowed currency, EUR at the schema&apos;s rate</source>
        <translation>&lt;b&gt;DQ8 KPI-definitioner och valuta:&lt;/b&gt; hela belopp i en tillåten valuta, EUR till schemats kurs</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ9 Ownership and international accounts:&lt;/b&gt; your rows are your subsidiary&apos;s, global accounts marked</source>
        <translation>&lt;b&gt;DQ9 Ägarskap och internationella kunder:&lt;/b&gt; raderna tillhör ditt dotterbolag, globala kunder är markerade</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the nine rules check&lt;/b&gt;</source>
        <translation>&lt;b&gt;Vad de nio reglerna kontrollerar&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The rules explained, with examples (F1)</source>
        <translation>Reglerna förklarade, med exempel (F1)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Öppna…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Öppna se&amp;naste</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportera…</translation>
    </message>
    <message>
        <source>Save a &amp;fixed copy of my workbook…</source>
        <translation>Spara en &amp;rättad kopia av min arbetsbok…</translation>
    </message>
    <message>
        <source>Check against another &amp;schema…</source>
        <translation>Kontrollera mot ett annat &amp;schema…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>A&amp;vsluta</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gör om</translation>
    </message>
    <message>
        <source>Apply &amp;suggestion</source>
        <translation>&amp;Använd förslaget</translation>
    </message>
    <message>
        <source>Apply to &amp;all alike</source>
        <translation>Använd på a&amp;lla likadana</translation>
    </message>
    <message>
        <source>&amp;Next problem</source>
        <translation>&amp;Nästa problem</translation>
    </message>
    <message>
        <source>&amp;Previous problem</source>
        <translation>&amp;Föregående problem</translation>
    </message>
    <message>
        <source>&amp;Find in the sheet</source>
        <translation>&amp;Sök i bladet</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Only flagged rows</source>
        <translation>&amp;Bara flaggade rader</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>The &amp;rules explained</source>
        <translation>&amp;Reglerna förklarade</translation>
    </message>
    <message>
        <source>&amp;About Template Checker</source>
        <translation>&amp;Om Template Checker</translation>
    </message>
</context>
<context>
    <name>_Target</name>
    <message>
        <source>{label}: file name</source>
        <translation>{label}: filnamn</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bläddra…</translation>
    </message>
</context>
</TS>
