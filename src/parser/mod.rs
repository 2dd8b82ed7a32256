//! temporary shim
pub mod error {
    /// shim
    #[derive(Debug)]
    pub struct SyntaxError;
    impl SyntaxError {
        /// shim
        pub fn render(&self) -> String { String::new() }
    }
}
/// shim
#[derive(Debug, Clone, Copy)]
pub enum Mode { /// x
Exec, /// x
Eval }
