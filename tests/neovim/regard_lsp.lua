-- Drives Neovim's built-in LSP client (0.7 API: start_client, buf_attach_client) against
-- `regard lsp`: opens a council with a known problem, waits for its diagnostic, edits
-- the line to fix it, waits for the diagnostic to go, then spoils the line's layout and
-- formats the buffer through the server. Writes what it saw to
-- $REGARD_OUT as JSON. Run headless by tests/neovim.rs.

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

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "regard",
    cmd = { vim.env.REGARD_BIN, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    init_options = { asOf = vim.env.REGARD_AS_OF },
  })
  result.attached = vim.lsp.buf_attach_client(buf, client_id)

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
    -- Fix it: the Lead Member leaves the LSCB's membership and stays its observer.
    vim.api.nvim_buf_set_lines(buf, d.lnum, d.lnum + 1, false, { "    member_of Executive" })
    result.gone = vim.wait(20000, function() return find() == nil end, 50)
    result.count_after = #vim.diagnostic.get(buf)
    -- Spoil the layout of that line and format the buffer through the server.
    vim.api.nvim_buf_set_lines(buf, d.lnum, d.lnum + 1, false, { "\tmember_of   Executive   " })
    if vim.lsp.buf.format then
      vim.lsp.buf.format({ timeout_ms = 10000 })
    else
      vim.lsp.buf.formatting_sync(nil, 10000)
    end
    result.formatted_line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then
  result.error = tostring(err)
end
finish()
