-- tadqiq for Neovim 0.7 and newer: attaches `tadqiq lsp` to Markdown and plain-text buffers.
--
-- Use it with `:luafile /path/to/tadqiq.lua`, or from your init.lua with
-- `dofile('/path/to/tadqiq.lua')`, or copy it to ~/.config/nvim/plugin/ (loaded at start-up).
-- No plugin is needed: on Neovim 0.8+ it calls `vim.lsp.start`, on 0.7
-- `vim.lsp.start_client` and `vim.lsp.buf_attach_client`, one client a project root (the
-- nearest directory holding tadqiq.toml, .tadqiq.toml or .git).
--
-- Options, set before loading it:
--   vim.g.tadqiq_cmd = { 'tadqiq', 'lsp' }        -- the server command
--   vim.g.tadqiq_filetypes = { 'markdown', 'text' }
--
-- Diagnostics show as usual (`vim.diagnostic`); the quick fixes, "fix all" and "add to the
-- word list" are code actions: `:lua vim.lsp.buf.code_action()` (`gra` on 0.11).

local cmd = vim.g.tadqiq_cmd or { 'tadqiq', 'lsp' }
local filetypes = vim.g.tadqiq_filetypes or { 'markdown', 'text' }
local markers = { 'tadqiq.toml', '.tadqiq.toml', '.git' }
local uv = vim.uv or vim.loop

-- The nearest directory at or above the buffer's holding one of `markers`, else the buffer's
-- own directory (or the working directory for a buffer with no file).
local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local cur = dir
  while true do
    for _, m in ipairs(markers) do
      if uv.fs_stat(cur .. '/' .. m) then
        return cur
      end
    end
    local parent = vim.fn.fnamemodify(cur, ':h')
    if parent == cur then
      return dir
    end
    cur = parent
  end
end

-- Neovim 0.7: one client a root, started once and attached to each buffer.
local clients = {}

local function attach(bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local root = root_dir(bufnr)
  local config = {
    name = 'tadqiq',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

local group = vim.api.nvim_create_augroup('tadqiq', { clear = true })
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = filetypes,
  callback = function(args)
    attach(args.buf)
  end,
})

-- Buffers already open when this file is sourced.
for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
  if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) then
    attach(bufnr)
  end
end
