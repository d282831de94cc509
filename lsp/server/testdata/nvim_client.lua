-- Drives `seslint lsp` with Neovim's built-in LSP client, headless:
--
--   SESLINT=... WORKSPACE=... OUT=... nvim --headless -u NONE -c "luafile nvim_client.lua"
--
-- It opens WORKSPACE/example.com/Send.json, waits for the diagnostics,
-- hovers over the SES003 one from the cursor, asks for its code action and
-- applies the edit with Neovim's own apply_workspace_edit (which sends the
-- change to the server), waits for the diagnostic to go away, and stops the
-- server. Each step appends one JSON line to OUT; the Go test
-- (lsp/server/clients_test.go) checks them. Every wait is bounded. Neovim
-- 0.7 (Debian 12's) has no vim.lsp.start, so the older
-- start_client/buf_attach_client pair is used when it is missing.

local seslint, workspace, outpath = os.getenv('SESLINT'), os.getenv('WORKSPACE'), os.getenv('OUT')
local WAIT = 15000

local function out(step, data)
  data.step = step
  local f = assert(io.open(outpath, 'a'))
  f:write(vim.fn.json_encode(data), '\n')
  f:close()
end

local published = {} -- publishDiagnostics params, as received

local function main()
  local file = workspace .. '/example.com/Send.json'
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()

  local exit_code
  local config = {
    name = 'seslint',
    cmd = { seslint, 'lsp' },
    root_dir = workspace,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
        table.insert(published, result)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
      end,
    },
    on_exit = function(code) exit_code = code end,
  }
  local id
  if vim.lsp.start then
    id = vim.lsp.start(config, { bufnr = bufnr })
  else
    id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, id)
  end
  assert(id, 'the client did not start')
  local client = vim.lsp.get_client_by_id(id)
  out('start', { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), start = vim.lsp.start ~= nil })

  -- The diagnostics after open, as the server sent them and as Neovim
  -- placed them in the buffer (byte columns, converted from the
  -- negotiated encoding by Neovim).
  local function current(code)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == code then return d end
    end
  end
  assert(vim.wait(WAIT, function() return current('SES003') ~= nil end, 20), 'no SES003 diagnostic after open')
  local last = published[#published]
  local items = {}
  for _, d in ipairs(last.diagnostics) do
    table.insert(items, { code = d.code, range = d.range, severity = d.severity, href = d.codeDescription and d.codeDescription.href })
  end
  local effect = current('SES003')
  out('diagnostics', {
    encoding = client.offset_encoding,
    items = items,
    buffer = { lnum = effect.lnum, col = effect.col, end_col = effect.end_col, source = effect.source },
  })

  -- Hover from the cursor, placed on the diagnostic by Neovim's byte column.
  vim.api.nvim_win_set_cursor(0, { effect.lnum + 1, effect.col + 1 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover = client.request_sync('textDocument/hover', params, WAIT, bufnr)
  assert(hover and hover.result, 'no hover')
  out('hover', { position = params.position, kind = hover.result.contents.kind, value = hover.result.contents.value })

  -- The quick fix for the diagnostic, applied by Neovim.
  local lsp_diag
  for _, d in ipairs(last.diagnostics) do
    if d.code == 'SES003' then lsp_diag = d end
  end
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }, WAIT, bufnr)
  assert(actions and actions.result and #actions.result > 0, 'no code action')
  local action = actions.result[1]
  out('codeAction', { title = action.title, kind = action.kind, edit = action.edit })
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)

  assert(vim.wait(WAIT, function() return current('SES003') == nil and #published > 1 end, 20),
    'SES003 is still there after the fix')
  local remaining = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(remaining, d.code) end
  out('fixed', { line = vim.api.nvim_buf_get_lines(bufnr, 3, 4, true)[1], remaining = remaining, version = published[#published].version })

  vim.lsp.stop_client(id)
  assert(vim.wait(WAIT, function() return exit_code ~= nil end, 20), 'the server did not exit')
  out('exit', { code = exit_code })
end

local ok, err = pcall(main)
if not ok then
  out('error', { message = tostring(err) })
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
