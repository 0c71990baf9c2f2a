fn main() {
    m3ter_console::start();
}
