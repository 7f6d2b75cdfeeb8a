-- Headless end-to-end test: Neovim's own LSP client against the real
-- `backstop lsp`, on a copy of the repository's seeds.
--   BACKSTOP_BIN=target/debug/backstop nvim --headless --clean -l editors/nvim/test/e2e.lua
local repo = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h:h')
vim.opt.rtp:append(repo .. '/editors/nvim')

local failures = 0
local function check(ok, message)
  if ok then
    print('ok   ' .. message)
  else
    failures = failures + 1
    print('FAIL ' .. message)
  end
end

local function finish()
  print(string.format('nvim: %d failed', failures))
  vim.cmd(failures == 0 and 'qa!' or 'cquit! 1')
end

-- Work on a copy: the test edits buffers and must never touch the repo.
local root = vim.fn.tempname()
vim.fn.mkdir(root, 'p')
vim.fn.system({ 'cp', '-r', repo .. '/seeds', root .. '/seeds' })
vim.fn.system({ 'chmod', '-R', 'u+w', root })

vim.lsp.enable('backstop')

local function codes_of(buf)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(codes, string.format('%s@%d', d.code, d.lnum + 1))
  end
  table.sort(codes)
  return codes
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then
      return d
    end
  end
end

local function wait_for(description, predicate)
  local ok = vim.wait(20000, predicate, 20)
  check(ok, 'waited for ' .. description)
  return ok
end

-- The text of the hover at (line, character), '' when there is none.
local function hover_at(buf, line, character)
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = line, character = character },
  }, 10000)
  for _, response in pairs(responses or {}) do
    if response.result and response.result.contents then
      return response.result.contents.value
    end
  end
  return ''
end

-- The code action titled `title` offered for `diagnostic`, if any.
local function action_for(buf, diagnostic, title)
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = {
      start = { line = diagnostic.lnum, character = diagnostic.col },
      ['end'] = { line = diagnostic.end_lnum, character = diagnostic.end_col },
    },
    context = { diagnostics = {} },
  }, 10000)
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.title == title then
        return action
      end
    end
  end
end

-- 1. An article with page residue: diagnostics arrive with the right lines.
vim.cmd.edit(root .. '/seeds/000_36b434811add820d.txt')
vim.bo.filetype = 'text'
local article = vim.api.nvim_get_current_buf()
wait_for('a backstop client', function()
  return #vim.lsp.get_clients({ bufnr = article, name = 'backstop' }) > 0
end)
wait_for('diagnostics on 000', function()
  return has_code(article, 'boilerplate') ~= nil
end)
local codes = table.concat(codes_of(article), ' ')
print('     000: ' .. codes)
check(codes:find('missing%-date@1') ~= nil, 'missing-date on line 1')
check(codes:find('missing%-source@1') ~= nil, 'missing-source on line 1')
check(codes:find('boilerplate@5') ~= nil, 'boilerplate on line 5 (Show More)')

-- 2. Hover on the metadata date of a legacy inline article.
vim.cmd.edit(root .. '/seeds/002_bef2f8aea6c68850.txt')
vim.bo.filetype = 'text'
local dated = vim.api.nvim_get_current_buf()
wait_for('client on 002', function()
  return #vim.lsp.get_clients({ bufnr = dated, name = 'backstop' }) > 0
end)
local hover_text = hover_at(dated, 0, 8)
print('     hover: ' .. hover_text)
check(hover_text:find('Sunday, 2 March 2025', 1, true) ~= nil, 'hover shows the article date')

-- 3. A quick fix applied through the editor changes the buffer, not the file.
vim.api.nvim_set_current_buf(article)
local residue = has_code(article, 'boilerplate')
local fix = action_for(article, residue, 'Remove the page residue')
check(fix ~= nil, 'code action "Remove the page residue" offered')
local before = vim.api.nvim_buf_line_count(article)
local residue_count = #vim.tbl_filter(function(d)
  return d.code == 'boilerplate'
end, vim.diagnostic.get(article))
if fix then
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
end
check(vim.api.nvim_buf_line_count(article) < before, 'the fix removed lines from the buffer')
check(
  vim.fn.readfile(root .. '/seeds/000_36b434811add820d.txt')[5] == 'Show More',
  'the file on disk is untouched'
)
-- 4. The edit reaches the server: one residue diagnostic fewer.
wait_for('one boilerplate diagnostic fewer', function()
  local n = #vim.tbl_filter(function(d)
    return d.code == 'boilerplate'
  end, vim.diagnostic.get(article))
  return n == residue_count - 1
end)

-- 5. Typing a date line by hand makes missing-date go away.
vim.api.nvim_buf_set_lines(article, 0, 0, false, { 'date: 2025-02-26', '' })
wait_for('missing-date to go away', function()
  return has_code(article, 'missing-date') == nil and has_code(article, 'boilerplate') ~= nil
end)

-- 6. A note: every note rule the demo shows, on its line.
vim.cmd.edit(root .. '/seeds/notes/starmer-washington.md')
local note = vim.api.nvim_get_current_buf()
wait_for('note diagnostics', function()
  return has_code(note, 'misattributed-quote') ~= nil
end)
local note_codes = table.concat(codes_of(note), ' ')
print('     note: ' .. note_codes)
for _, expected in ipairs({
  'number-mismatch@15',
  'date-mismatch@16',
  'misquote@17',
  'quote-not-found@18',
  'quote-wrong-source@19',
  'unsupported-claim@21',
  'unknown-source@22',
  'misattributed-quote@23',
  'contradicted-claim@25',
}) do
  check(note_codes:find(expected, 1, true) ~= nil, expected)
end

-- 7. Hover on a person the note names.
local person_text = hover_at(note, 6, 2)
print('     person: ' .. (person_text:match('^[^\n]*') or ''))
check(person_text:find('**Keir Starmer**', 1, true) ~= nil, 'hover names Keir Starmer')
check(person_text:find('Prime Minister', 1, true) ~= nil, 'hover gives his role')

-- 8. The misquote's fix puts the source's words in the buffer.
local misquote = has_code(note, 'misquote')
local replace = action_for(note, misquote, "Replace with the source's words")
check(replace ~= nil, 'code action "Replace with the source\'s words" offered')
if replace then
  vim.lsp.util.apply_workspace_edit(replace.edit, 'utf-16')
end
local fixed_line = vim.api.nvim_buf_get_lines(note, 16, 17, false)[1]
check(fixed_line:find('going to hold', 1, true) ~= nil, 'the quote now has the source\'s words')
wait_for('misquote to go away', function()
  return has_code(note, 'misquote') == nil and has_code(note, 'misattributed-quote') ~= nil
end)

-- 9. Typing the right number makes number-mismatch go away.
vim.api.nvim_buf_set_lines(note, 14, 15, false, {
  '- The plan would send 30,000 European troops [@004_c8d2ba556fcf7260].',
})
wait_for('number-mismatch to go away', function()
  return has_code(note, 'number-mismatch') == nil and has_code(note, 'date-mismatch') ~= nil
end)

finish()
