-- Drives Neovim's built-in LSP client against `regard lsp`, set up by the user's
-- init.lua (a snippet of docs/editors.md, copied as it stands by tests/neovim.rs): opens
-- a council with a known problem, waits for the set-up to attach a client and for the
-- diagnostic, edits the line to fix it, waits for the diagnostic to go, then spoils the
-- line's layout and formats the buffer through the server. Writes what it saw to
-- $REGARD_OUT as JSON.

local file = vim.env.REGARD_FILE
local out = vim.env.REGARD_OUT
local code = vim.env.REGARD_CODE
local result = { attached = false }

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

-- The clients attached to a buffer, in the API of 0.7 to 0.11.
local function clients(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  result.attached = vim.wait(20000, function() return #clients(buf) > 0 end, 50)
  local attached = clients(buf)
  result.clients = #attached
  result.client_name = attached[1] and attached[1].name or nil
  result.root_dir = attached[1] and attached[1].config.root_dir or nil

  local function find()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if d.code == code or lsp.code == code then
        return d
      end
    end
  end

  result.arrived = vim.wait(20000, function() return find() ~= nil end, 50)
  local d = find()
  if d then
    result.line = d.lnum + 1
    result.message = d.message
    result.severity = d.severity
    result.count = #vim.diagnostic.get(buf)
    -- Fix it: the Lead Member's brief takes in children's social care.
    vim.api.nvim_buf_set_lines(buf, d.lnum, d.lnum + 1, false, { "    responsible_for education, childrens_social_care" })
    result.gone = vim.wait(20000, function() return find() == nil end, 50)
    result.count_after = #vim.diagnostic.get(buf)
    -- Spoil the layout of that line and format the buffer through the server.
    vim.api.nvim_buf_set_lines(buf, d.lnum, d.lnum + 1, false, { "\tresponsible_for   education,childrens_social_care   " })
    if vim.lsp.buf.format then
      vim.lsp.buf.format({ timeout_ms = 10000 })
    else
      vim.lsp.buf.formatting_sync(nil, 10000)
    end
    result.formatted_line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
  end

  -- A second file in the same folder is attached to the same server.
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.REGARD_SECOND))
  local second = vim.api.nvim_get_current_buf()
  vim.wait(20000, function() return #clients(second) > 0 end, 50)
  local other = clients(second)
  result.same_server = other[1] ~= nil and attached[1] ~= nil and other[1].id == attached[1].id

  for _, client in ipairs(attached) do
    client.stop()
  end
end)
if not ok then
  result.error = tostring(err)
end
finish()
