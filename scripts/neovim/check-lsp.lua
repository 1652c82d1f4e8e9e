-- Run by scripts/check-lsp-in-neovim.sh inside `nvim --headless`: starts `hjemmel lsp` with
-- Neovim's own LSP client on one spec file, waits for its diagnostics, and writes them out, one a
-- line ("LINE:COLUMN CODE first line of the message"), followed by how many Neovim itself holds
-- for the buffer. Exits 0 when diagnostics came, 1 otherwise.
local bin = os.getenv("HJEMMEL_BIN")
local file = os.getenv("HJEMMEL_SPEC_FILE")
local out = os.getenv("HJEMMEL_NVIM_OUT")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
local received = false

local client = vim.lsp.start_client({
  name = "hjemmel",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result.uri == uri and #result.diagnostics > 0 then
        local lines = {}
        for _, d in ipairs(result.diagnostics) do
          local first = vim.split(d.message, "\n")[1]
          table.insert(lines, string.format("%d:%d %s %s",
            d.range.start.line + 1, d.range.start.character + 1, d.code, first))
        end
        vim.fn.writefile(lines, out)
        received = true
      end
    end,
  },
})
if not client then
  vim.cmd("cquit! 1")
end
vim.lsp.buf_attach_client(buf, client)

local ok = vim.wait(30000, function() return received end, 50)
-- What the editor shows: Neovim's own store of the buffer's diagnostics.
vim.wait(1000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
vim.fn.writefile({ "shown " .. #vim.diagnostic.get(buf) }, out, "a")
vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.client_is_stopped(client) end, 50)
if ok then
  vim.cmd("qall!")
else
  vim.cmd("cquit! 1")
end
