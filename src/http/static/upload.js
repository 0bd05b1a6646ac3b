import { ApiError, download, postForm, token } from './api.js';
import { byId, fill, h } from './dom.js';
import { allConfirmed, confirmedCells, renderImportReport } from './import-report.js';

/**
 * The upload panel: a dry run first (nothing written, every problem with its cell), then the same file imported
 * when the person confirms. Implausible values are listed apart, each with a box: the file can be imported only
 * once every one is ticked, and the ticked cells go with it (confirmCells). Also the write token (session only)
 * and the plan's template.
 */
export function setUpUpload({ planId, onImported, onChecked }) {
  const form = byId('upload-form');
  const fileInput = byId('file');
  const regionSelect = byId('upload-region');
  const tokenInput = byId('token');
  const confirm = byId('confirm-import');
  const report = byId('import-report');
  const dryRunButton = byId('dry-run');
  let checked = null;

  tokenInput.value = token.get();
  tokenInput.addEventListener('change', () => token.set(tokenInput.value.trim()));

  const reset = () => {
    checked = null;
    confirm.hidden = true;
    confirm.disabled = false;
  };
  // Every implausible value must be ticked before the file can be imported with them.
  report.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.classList.contains('confirm-cell')) {
      confirm.disabled = !allConfirmed(report);
    }
  });
  fileInput.addEventListener('change', () => {
    reset();
    fill(report);
  });
  regionSelect.addEventListener('change', reset);

  const busy = (button, text) => {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = text;
    return () => {
      button.disabled = false;
      button.textContent = label;
    };
  };

  const send = async (dryRun, cells = []) => {
    const file = fileInput.files?.[0];
    if (!file) throw new ApiError(0, { message: { zh: '请先选择要上传的 Excel 文件' } });
    if (!token.get() && !document.body.dataset.user) {
      byId('login-name').focus();
      throw new ApiError(0, { message: { zh: '上传需要先登录（或填写写入令牌）' } });
    }
    const body = new FormData();
    body.set('file', file, file.name);
    body.set('region', regionSelect.value);
    body.set('plan', planId());
    if (dryRun) body.set('dryRun', 'true');
    if (cells.length) body.set('confirmCells', cells.join('\n'));
    return (await postForm('/imports', body)).data;
  };

  const showError = (error) =>
    fill(
      report,
      h('p', { class: 'error', role: 'alert' }, error instanceof ApiError ? error.message : String(error)),
    );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    token.set(tokenInput.value.trim());
    reset();
    const done = busy(dryRunButton, '正在检查…');
    fill(report, h('p', { class: 'muted' }, '正在读取文件……'));
    try {
      const result = await send(true);
      const { needsConfirmation } = renderImportReport(report, result);
      // The check is kept in the import history (a failed one too): show it there.
      onChecked?.(result);
      if (result.status === 'dry-run' || needsConfirmation) {
        checked = { file: fileInput.files?.[0], region: regionSelect.value };
        confirm.hidden = false;
        confirm.disabled = needsConfirmation;
        if (!needsConfirmation) confirm.focus();
      }
    } catch (error) {
      showError(error);
    } finally {
      done();
    }
  });

  confirm.addEventListener('click', async () => {
    if (!checked || checked.file !== fileInput.files?.[0] || checked.region !== regionSelect.value) {
      reset();
      return;
    }
    if (!allConfirmed(report)) return;
    const cells = confirmedCells(report);
    const done = busy(confirm, '正在导入…');
    try {
      const result = await send(false, cells);
      renderImportReport(report, result);
      confirm.hidden = true;
      checked = null;
      if (result.status === 'imported' || result.status === 'duplicate') await onImported(result);
      else onChecked?.(result);
    } catch (error) {
      showError(error);
    } finally {
      done();
    }
  });

  byId('template-download').addEventListener('click', async (event) => {
    const done = busy(event.currentTarget, '正在下载…');
    try {
      await download(`/plans/${encodeURIComponent(planId())}/template`, `${planId()}.xlsx`);
    } catch (error) {
      showError(error);
    } finally {
      done();
    }
  });
}
