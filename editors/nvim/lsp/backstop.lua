-- backstop language server for Neovim 0.11+ (`vim.lsp.config` / `vim.lsp.enable`).
-- Put this folder on 'runtimepath' and call `vim.lsp.enable('backstop')`.
---@type vim.lsp.Config
return {
  cmd = { vim.env.BACKSTOP_BIN or 'backstop', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'backstop.toml', '.git' },
  -- Rule severities, as in backstop.toml's [rules]: off | hint | info | warning | error.
  init_options = { rules = vim.empty_dict() },
  settings = { backstop = { rules = vim.empty_dict() } },
}
