/** The pane's styles: plain CSS that IE11 understands (no grid, no variables), readable at 320 px. */
export const PANE_CSS = `
.ok-pane { font-family: "Segoe UI", Arial, sans-serif; font-size: 14px; color: #1f1f1f; padding: 12px; max-width: 760px; margin: 0 auto; box-sizing: border-box; }
.ok-pane * { box-sizing: border-box; }
.ok-head { border-bottom: 3px solid #2F5597; padding-bottom: 6px; margin-bottom: 10px; }
.ok-title { font-size: 20px; margin: 0; color: #2F5597; font-weight: 600; }
.ok-sub { font-size: 12px; color: #555; margin-top: 2px; }
.ok-section { margin-bottom: 10px; }
.ok-row label { display: block; font-size: 12px; color: #555; margin-bottom: 3px; }
.ok-select { width: 100%; padding: 5px; font-size: 14px; border: 1px solid #8a8a8a; background: #fff; }
.ok-drop { display: block; position: relative; border: 2px dashed #8fa9d4; background: #f4f7fc; padding: 10px; text-align: center; cursor: pointer; }
.ok-drop-over { background: #dde7f3; border-color: #2F5597; }
.ok-file-input { position: absolute; left: 0; top: 0; width: 100%; height: 100%; opacity: 0; cursor: pointer; }
.ok-drop-main { display: block; font-weight: 600; color: #2F5597; }
.ok-drop-hint { display: block; font-size: 12px; color: #555; margin-top: 2px; }
.ok-sources { list-style: none; margin: 6px 0 0; padding: 0; }
.ok-source { padding: 4px 0; border-bottom: 1px solid #e5e5e5; font-size: 13px; }
.ok-source-name { display: block; font-weight: 600; word-wrap: break-word; }
.ok-source-template { color: #555; margin-right: 8px; }
.ok-source-failed { border-left: 3px solid #C00000; padding-left: 6px; background: #FBE3E1; }
.ok-source-failed .ok-source-template { color: #9C0006; }
.ok-file-failed .ok-file-name { color: #9C0006; }
.ok-link { border: 0; background: none; color: #0563C1; text-decoration: underline; cursor: pointer; padding: 0; font-size: 13px; }
.ok-actions { margin: 4px 0 8px; }
.ok-btn { display: block; width: 100%; margin-bottom: 6px; padding: 8px 10px; font-size: 14px; border: 1px solid #2F5597; background: #fff; color: #2F5597; cursor: pointer; text-align: center; }
.ok-btn:hover { background: #eef3fa; }
.ok-btn[disabled] { opacity: 0.5; cursor: default; }
.ok-primary { background: #2F5597; color: #fff; }
.ok-primary:hover { background: #244579; }
.ok-bar { height: 4px; background: #e5e5e5; margin: 4px 0; }
.ok-bar-fill { height: 4px; width: 0; background: #2F5597; }
.ok-status { font-size: 13px; color: #333; margin: 4px 0 8px; min-height: 18px; }
.ok-counts { margin-bottom: 8px; }
.ok-count { display: inline-block; margin: 0 6px 4px 0; padding: 2px 8px; font-size: 13px; border-radius: 10px; background: #eee; }
.ok-count-error { background: #FBE3E1; color: #8a1c12; }
.ok-count-warning { background: #FFF4D6; color: #6b4e00; }
.ok-file-name { font-size: 15px; margin: 10px 0 4px; color: #2F5597; word-wrap: break-word; }
.ok-sheet { font-size: 14px; margin: 8px 0 4px; }
.ok-sheet-counts { display: block; font-weight: normal; font-size: 12px; color: #555; }
.ok-list { list-style: none; margin: 0 0 6px; padding: 0; }
.ok-issue { margin: 0 0 3px; border-left: 4px solid #c00000; background: #fdf2f1; }
.ok-warning { border-left-color: #d9a400; background: #fffaeb; }
.ok-current { outline: 2px solid #2F5597; }
.ok-issue-btn { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 5px 6px; font-size: 13px; cursor: pointer; color: #1f1f1f; font-family: inherit; }
.ok-cell { display: inline-block; min-width: 38px; font-weight: 600; margin-right: 6px; color: #2F5597; }
.ok-msg { word-wrap: break-word; }
.ok-more, .ok-clean { font-size: 12px; color: #555; margin: 2px 0 6px; }
.ok-detail { font-size: 13px; border: 1px solid #2F5597; background: #f4f7fc; padding: 6px 8px; margin: 6px 0; }
.ok-detail-where { font-weight: 600; }
.ok-detail-line { color: #333; }
.ok-detail:empty { display: none; }
.ok-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.ok-table td { border-bottom: 1px solid #e5e5e5; padding: 4px 2px; vertical-align: top; }
.ok-num { text-align: right; font-weight: 600; width: 50px; }
.ok-settings { margin-top: 14px; border-top: 1px solid #e5e5e5; padding-top: 8px; }
.ok-settings-body { margin-top: 6px; }
.ok-settings-body .ok-link { display: block; margin: 4px 0 6px; }
.ok-drop-small { padding: 6px; margin-bottom: 6px; }
.ok-problems { margin: 4px 0 0; padding-left: 18px; }
.ok-problems li { margin-bottom: 3px; }
.ok-warn { font-size: 12px; color: #6b4e00; background: #FFF4D6; padding: 6px; margin-top: 8px; word-wrap: break-word; }
@media (min-width: 560px) { .ok-btn { display: inline-block; width: auto; margin-right: 6px; } }
`;
