# Convenience wrappers; the scripts are the source of truth (see README).
.PHONY: run test bench format
run:
	./run.sh
test:
	./test.sh
bench:
	cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release -j2 --target throughline_bench && ./build-release/tests/bench/throughline_bench
format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')
