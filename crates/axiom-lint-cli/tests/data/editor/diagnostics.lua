-- Drives `axiom-lint server` from a real Neovim (0.7+): opens the file named by
-- AXIOM_LINT_FIXTURE, attaches the server (AXIOM_LINT_BIN) with the 0.7 API, waits for its
-- diagnostics and prints one line per finding: `line:col code severity` (1-based, columns in
-- bytes as Neovim keeps them after decoding the server's UTF-16 positions).
local bin = os.getenv("AXIOM_LINT_BIN")
local fixture = os.getenv("AXIOM_LINT_FIXTURE")

local function finish(code)
  io.stdout:flush()
  vim.cmd(code == 0 and "qall!" or ("cquit " .. code))
end

vim.cmd("edit " .. vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "axiom-lint",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(fixture, ":p:h"),
})
if not client_id then
  io.stdout:write("error: the server did not start\n")
  finish(2)
  return
end
vim.lsp.buf_attach_client(buf, client_id)

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
if not arrived then
  io.stdout:write("error: no diagnostics within 20 s\n")
  finish(3)
  return
end

local severities = { "error", "warning", "info", "hint" }
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  local code = d.code or lsp.code or "?"
  table.insert(lines, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, code, severities[d.severity] or "?"))
end
table.sort(lines)
for _, line in ipairs(lines) do
  io.stdout:write(line .. "\n")
end

vim.lsp.stop_client(client_id)
vim.wait(2000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 50)
finish(0)
