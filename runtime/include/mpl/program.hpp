#pragma once
// mpl::program: what generated main() builds — params, queues, stages and pools — and
// then runs: parse the command line, create shared memory, fork and supervise.
#include "mpl/cli.hpp"
#include "mpl/context.hpp"
#include "mpl/count.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace mpl {

enum class order { ordered, unordered };

struct queue_ref {
  int index;
};
template <class T> struct queue_id {
  int index;
  operator queue_ref() const { return {index}; }  // NOLINT: untyped use is always fine
};

namespace detail {
using input_factory = std::unique_ptr<endpoint_base> (*)(const queue_view&, std::uint32_t reader_slot,
                                                          process_stats&);
using output_factory = std::unique_ptr<endpoint_base> (*)(const queue_view&, std::uint32_t,
                                                           process_stats&);
struct queue_decl {
  std::string name;
  count capacity;
  bool is_pipe;
  bool direct;              // items copied whole into a slot
  std::size_t direct_size;  // sizeof(T) when direct
  input_factory make_input;
  output_factory make_output;
};

enum class stage_kind { whole_body, per_item, pool };
struct stage_decl {
  std::string name;
  count replicas;
  stage_kind kind;
  std::vector<int> inputs, outputs;
  order ordering = order::unordered;
  int retry = 0;
  void (*run)(context&);  // constructs the body and runs it in the child
  std::string shared_used;  // a shared value or array the body names (MPI: pins it to rank 0)
  bool managed_pool() const { return kind == stage_kind::pool && (ordering == order::ordered || retry > 0); }
};

struct program_decl {
  std::string name;
  std::vector<queue_decl> queues;
  std::vector<stage_decl> stages;
  void (*before)() = nullptr;
  void (*after)() = nullptr;
};

struct run_plan;
class distribution;
// `cluster` is null for a single-host run; an MPI build passes its own (docs/distributed.md).
int run_program(program_decl& decl, command_line_parser& parser, int argc, char** argv,
                distribution* cluster = nullptr);
// libmplrt-mpi (programs built with mplc --mpi): MPI_Init, run_program over the ranks,
// MPI_Finalize.
int run_distributed(program_decl& decl, command_line_parser& parser, int argc, char** argv);
void build_context(const program_decl& decl, const run_plan& plan, int stage, int replica, context& ctx);
}  // namespace detail

class program {
public:
  explicit program(std::string name) : parser_(name) { decl_.name = std::move(name); }

  // A command-line param; `variable` already holds the default.
  template <class T>
  void param(std::string_view name, T& variable, std::string_view type_name,
             std::string_view help = {}, bool required = false) {
    parser_.add_param(name, variable, type_name, help, required);
  }

  template <class T> queue_id<T> queue(std::string_view name, mpl::count capacity) {
    return add_queue<T>(name, std::move(capacity), false);
  }
  // A queue that must have exactly one writing and one reading process.
  template <class T> queue_id<T> pipe(std::string_view name, mpl::count capacity) {
    return add_queue<T>(name, std::move(capacity), true);
  }

  template <class Body>
  void stage(std::string_view name, mpl::count replicas, std::initializer_list<queue_ref> inputs,
             std::initializer_list<queue_ref> outputs) {
    add_stage(name, std::move(replicas), detail::stage_kind::whole_body, inputs, outputs,
              [](context& ctx) { Body(ctx).run(); });
  }

  template <class Body, class T>
  void per_item_stage(std::string_view name, mpl::count replicas, queue_id<T> input,
                      std::initializer_list<queue_ref> outputs) {
    add_stage(name, std::move(replicas), detail::stage_kind::per_item, {input}, outputs,
              &run_per_item<Body, T>);
  }

  template <class Body, class T>
  void pool(std::string_view name, mpl::count workers, queue_id<T> input,
            std::initializer_list<queue_ref> outputs, order ordering, int retry) {
    detail::stage_decl& stage = add_stage(name, std::move(workers), detail::stage_kind::pool,
                                          {input}, outputs, &run_per_item<Body, T>);
    stage.ordering = ordering;
    stage.retry = retry;
  }

  void before(void (*fn)()) { decl_.before = fn; }
  void after(void (*fn)()) { decl_.after = fn; }

  // Parses argv, creates shared memory, runs before(), forks and supervises every
  // process, runs after(); returns the exit status (0, 1, 2, 130, 143; docs/programs.md).
  // Built with MPL_MPI (mplc --mpi), the same over every MPI rank (docs/distributed.md).
  int run(int argc, char** argv) {
#if defined(MPL_MPI) && MPL_MPI
    return detail::run_distributed(decl_, parser_, argc, argv);
#else
    return detail::run_program(decl_, parser_, argc, argv);
#endif
  }

  // The body of stage `name` names shared value `shared` (the first it names).
  void uses_shared(std::string_view name, std::string_view shared) {
    for (auto& stage : decl_.stages)
      if (stage.name == name && stage.shared_used.empty()) stage.shared_used = shared;
  }

private:
  template <class T> queue_id<T> add_queue(std::string_view name, mpl::count capacity, bool is_pipe) {
    decl_.queues.push_back(detail::queue_decl{
        std::string(name), std::move(capacity), is_pipe, direct_item<T>, sizeof(T),
        [](const queue_view& view, std::uint32_t reader_slot,
           process_stats& stats) -> std::unique_ptr<detail::endpoint_base> {
          return std::make_unique<mpl::input<T>>(view, reader_slot, stats);
        },
        [](const queue_view& view, std::uint32_t slot,
           process_stats& stats) -> std::unique_ptr<detail::endpoint_base> {
          return std::make_unique<mpl::output<T>>(view, slot, stats);
        }});
    return queue_id<T>{static_cast<int>(decl_.queues.size() - 1)};
  }

  detail::stage_decl& add_stage(std::string_view name, mpl::count replicas, detail::stage_kind kind,
                                std::initializer_list<queue_ref> inputs,
                                std::initializer_list<queue_ref> outputs, void (*run)(context&)) {
    detail::stage_decl stage{std::string(name), std::move(replicas), kind, {}, {}, order::unordered, 0, run, {}};
    for (queue_ref ref : inputs) stage.inputs.push_back(ref.index);
    for (queue_ref ref : outputs) stage.outputs.push_back(ref.index);
    parser_.add_stage(stage.name);
    decl_.stages.push_back(std::move(stage));
    return decl_.stages.back();
  }

  template <class Body, class T> static void run_per_item(context& ctx) {
    Body body(ctx);
    ctx.for_each_item<T>([&body](const T& item) { body(item); });
  }

  detail::program_decl decl_;
  command_line_parser parser_;
};

}  // namespace mpl
