-- Drives `axiom-lint server` from a real Neovim (0.7+): opens the file named by
-- AXIOM_LINT_FIXTURE, whose buffer the README's snippet (loaded before this file) attaches the
-- server to, waits for its diagnostics and prints one line per finding: `line:col code
-- severity` (1-based, columns in bytes as Neovim keeps them after decoding the server's UTF-16
-- positions).
local fixture = os.getenv("AXIOM_LINT_FIXTURE")

local function finish(code)
  io.stdout:flush()
  vim.cmd(code == 0 and "qall!" or ("cquit " .. code))
end

vim.cmd("edit " .. vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()
-- A client is listed once it has started; `get_clients` from 0.10, `get_active_clients` before.
local client_id = nil
vim.wait(20000, function()
  for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    if client.name == "axiom-lint" and vim.lsp.buf_is_attached(buf, client.id) then
      client_id = client.id
    end
  end
  return client_id ~= nil
end, 50)
if not client_id then
  io.stdout:write("error: the README's snippet did not attach the server to " .. vim.bo[buf].filetype .. " buffer " .. fixture .. "\n")
  finish(2)
  return
end

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
