//! Column alignment, as `prisma format` does it: the rows of a run of
//! lines (fields of a model, keys of a datasource) share column widths;
//! an empty line starts a new run.

/// Output with indentation at the start of every non-empty line.
pub(crate) struct Output {
    pub(crate) text: String,
    indent: usize,
}

const INDENT_WIDTH: usize = 2;

impl Output {
    pub(crate) fn new(capacity: usize) -> Output {
        Output {
            text: String::with_capacity(capacity),
            indent: 0,
        }
    }

    pub(crate) fn write(&mut self, text: &str) {
        if self.text.is_empty() || self.text.ends_with('\n') {
            for _ in 0..self.indent * INDENT_WIDTH {
                self.text.push(' ');
            }
        }
        self.text.push_str(text);
    }

    pub(crate) fn end_line(&mut self) {
        self.text.push('\n');
    }

    pub(crate) fn indent(&mut self) {
        self.indent += 1;
    }

    pub(crate) fn dedent(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }
}

enum Row {
    /// Aligned columns, then text (a trailing comment) that is not aligned.
    Columns(Vec<String>, String),
    /// A line written as it is.
    Verbatim(String),
}

#[derive(Default)]
pub(crate) struct Table {
    rows: Vec<Row>,
}

impl Table {
    pub(crate) fn new_row(&mut self) {
        self.rows.push(Row::Columns(Vec::new(), String::new()));
    }

    /// The text of column `index` of the current row, creating the columns
    /// up to it.
    pub(crate) fn column(&mut self, index: usize) -> &mut String {
        if self.rows.is_empty() {
            self.new_row();
        }
        match self.rows.last_mut() {
            Some(Row::Columns(columns, _)) => {
                columns.resize(index + 1, String::new());
                &mut columns[index]
            }
            Some(Row::Verbatim(text)) => text,
            None => unreachable!("a row was just added"),
        }
    }

    /// Appends unaligned text to the current row (a comment).
    pub(crate) fn suffix(&mut self, text: &str) {
        if self.rows.is_empty() {
            self.new_row();
        }
        match self.rows.last_mut() {
            Some(Row::Columns(_, suffix)) => suffix.push_str(text),
            Some(Row::Verbatim(line)) => line.push_str(text),
            None => unreachable!("a row was just added"),
        }
    }

    pub(crate) fn verbatim(&mut self, text: &str) {
        self.rows.push(Row::Verbatim(text.to_string()));
    }

    /// Writes the rows and empties the table. Widths are in bytes, as
    /// Prisma measures them.
    pub(crate) fn render(&mut self, out: &mut Output) {
        let mut widths: Vec<usize> = Vec::new();
        for row in &mut self.rows {
            if let Row::Columns(columns, _) = row {
                while columns.last().is_some_and(String::is_empty) {
                    columns.pop();
                }
                if widths.len() < columns.len() {
                    widths.resize(columns.len(), 0);
                }
                for (i, column) in columns.iter().enumerate() {
                    widths[i] = widths[i].max(column.len());
                }
            }
        }
        for row in self.rows.drain(..) {
            match row {
                Row::Columns(columns, suffix) => {
                    let last = columns.len().saturating_sub(1);
                    for (i, column) in columns.iter().enumerate() {
                        out.write(column);
                        if i != last {
                            out.write(&" ".repeat(widths[i] - column.len() + 1));
                        }
                    }
                    if !suffix.is_empty() {
                        if !columns.is_empty() {
                            out.write(" ");
                        }
                        out.write(&suffix);
                    }
                }
                Row::Verbatim(text) => out.write(&text),
            }
            out.end_line();
        }
    }
}
